import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './action-button.scss';

export type ActionButtonType = 'primary' | 'default' | 'danger' | 'ghost' | 'success';
export type ActionButtonSize = 'large' | 'normal' | 'small';

interface Props {
  type?: ActionButtonType;
  size?: ActionButtonSize;
  block?: boolean;
  disabled?: boolean;
  /** Shows a spinner and ignores taps (a save under way). */
  loading?: boolean;
  icon?: ReactNode;
  id?: string;
  className?: string;
  onClick?: () => void;
  children: ReactNode;
}

/**
 * The app's button: big enough to hit with a thumb (≥ 88px tall at normal size, 104px large), strong contrast.
 * Built on View rather than NutUI's Button so the main package stays small.
 */
export default function ActionButton({ type = 'default', size = 'normal', block, disabled, loading, icon, id, className, onClick, children }: Props) {
  const inactive = Boolean(disabled || loading);
  const classes = ['abtn', `abtn--${type}`, `abtn--${size}`, block ? 'abtn--block' : '', inactive ? 'abtn--disabled' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <View
      {...(id ? { id } : {})}
      className={classes}
      hoverClass={inactive ? 'none' : 'abtn--pressed'}
      ariaRole="button"
      ariaLabel={typeof children === 'string' ? children : undefined}
      onClick={() => {
        if (!inactive) onClick?.();
      }}
    >
      {loading ? <View className="abtn__spinner" /> : icon ? <View className="abtn__icon">{icon}</View> : null}
      <Text className="abtn__text">{children}</Text>
    </View>
  );
}
