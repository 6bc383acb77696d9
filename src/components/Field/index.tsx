import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './index.scss';

interface FieldProps {
  label: string;
  /** Shown under the field in red; also marks the field. */
  error?: string | null;
  /** Shown under the field while there is no error. */
  hint?: string;
  /** Marks the field （选填）; every other field is to be filled. */
  optional?: boolean;
  /** Names the field in class names (`field--name`, `field__error--name`), for styles and tests. */
  name?: string;
}

/** One form row: a large label, the control, and the field's own error right under it. */
export function Field({ label, error, hint, optional, name, children }: PropsWithChildren<FieldProps>) {
  const named = (base: string) => (name ? `${base} ${base}--${name}` : base);
  return (
    <View className={`${named('field')}${error ? ' field--invalid' : ''}`}>
      <Text className="field__label">
        {label}
        {optional ? <Text className="field__optional">（选填）</Text> : null}
      </Text>
      {children}
      {error ? <Text className={named('field__error')}>{error}</Text> : null}
      {hint && !error ? <Text className="field__hint">{hint}</Text> : null}
    </View>
  );
}
