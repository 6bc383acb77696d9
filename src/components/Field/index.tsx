import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './index.scss';

interface FieldProps {
  label: string;
  /** Shown under the field in red; also marks the field. */
  error?: string;
  hint?: string;
  optional?: boolean;
  /** Names the field in class names (`field--name`), for styles and tests. */
  name: string;
}

/** One form row: a large label, the control, and the field's own error right under it. */
export function Field({ label, error, hint, optional, name, children }: PropsWithChildren<FieldProps>) {
  return (
    <View className={`field field--${name}${error ? ' field--invalid' : ''}`}>
      <Text className="field__label">
        {label}
        {optional ? <Text className="field__optional">（选填）</Text> : null}
      </Text>
      {children}
      {error ? <Text className={`field__error field__error--${name}`}>{error}</Text> : null}
      {hint && !error ? <Text className="field__hint">{hint}</Text> : null}
    </View>
  );
}
