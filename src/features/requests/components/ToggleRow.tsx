import { Text, View } from '@tarojs/components';

/** A whole row that switches something on and off: the text is part of the target, not just the small switch. */
export default function ToggleRow({ text, on, onChange, className }: { text: string; on: boolean; onChange: (on: boolean) => void; className?: string }) {
  return (
    <View className={`rq-toggle ${on ? 'rq-toggle--on e2e-on' : ''} ${className ?? ''}`} ariaRole="switch" ariaLabel={text} onClick={() => onChange(!on)}>
      <Text className="rq-toggle__text">{text}</Text>
      <View className="rq-toggle__switch" />
    </View>
  );
}
