import type { ReactNode } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';

interface Props {
  title: string;
  className?: string;
  onClose: () => void;
  footer: ReactNode;
  children: ReactNode;
}

/** A dialog that rises from the bottom, within reach of the thumb; the page behind stays put. */
export default function Sheet({ title, className, onClose, footer, children }: Props) {
  return (
    <>
      <View className="rq-sheet-mask e2e-dialog-mask" catchMove onClick={onClose} />
      <View className={`rq-sheet e2e-dialog ${className ?? ''}`} catchMove>
        <View className="rq-sheet__head">
          <Text className="rq-sheet__title e2e-dialog-title">{title}</Text>
          <Text className="rq-sheet__close e2e-dialog-close" onClick={onClose}>
            关闭
          </Text>
        </View>
        <ScrollView scrollY className="rq-sheet__body">
          {children}
        </ScrollView>
        <View className="rq-sheet__foot">{footer}</View>
      </View>
    </>
  );
}
