import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

/** A form field: its label, the control, a hint, and what is wrong with the value. */
export function Field({
  label,
  error,
  hint,
  required,
  children,
}: {
  label: string;
  error?: string | null;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <View className={error ? 'staff-field staff-field--error' : 'staff-field'}>
      <Text className="staff-field__label">
        {label}
        {required ? <Text className="staff-field__required"> *</Text> : null}
      </Text>
      {children}
      {hint ? <Text className="staff-field__hint">{hint}</Text> : null}
      {error ? <Text className="staff-field__error">{error}</Text> : null}
    </View>
  );
}
