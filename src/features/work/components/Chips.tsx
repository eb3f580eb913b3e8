import { ScrollView, Text } from '@tarojs/components';

export interface ChipOption<T extends string> {
  value: T | null;
  label: string;
}

/** One row of filter chips that scrolls sideways; the chosen one is filled. `null` is 全部. */
export default function Chips<T extends string>({ options, value, onChange, className }: { options: ChipOption<T>[]; value: T | null; onChange: (v: T | null) => void; className: string }) {
  return (
    <ScrollView scrollX className={`rq-tabs ${className}`}>
      {options.map((o) => (
        <Text key={o.value ?? '*'} className={`rq-tab e2e-chip ${o.value === value ? 'rq-tab--on e2e-on' : ''}`} data-value={o.value ?? ''} onClick={() => onChange(o.value)}>
          {o.label}
        </Text>
      ))}
    </ScrollView>
  );
}
