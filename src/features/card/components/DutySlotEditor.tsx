import { Picker, Text, View } from '@tarojs/components';
import { Checkbox } from '@nutui/nutui-react-taro';
import { WEEKDAYS, WEEKDAY_LABELS, type DutySlot, type Weekday } from '@core/contact-card/duty-hours';

interface Props {
  index: number;
  slot: DutySlot;
  error?: string;
  canRemove: boolean;
  onChange: (slot: DutySlot) => void;
  onRemove: () => void;
}

function TimeField({ label, value, onChange, className }: { label: string; value: string; onChange: (v: string) => void; className: string }) {
  return (
    <Picker mode="time" value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`time-field ${className}`} hoverClass="time-field--pressed">
        <Text className="time-field__label">{label}</Text>
        <Text className="time-field__value">{value}</Text>
      </View>
    </Picker>
  );
}

/** One weekly duty slot: which days, from when to when. */
export default function DutySlotEditor({ index, slot, error, canRemove, onChange, onRemove }: Props) {
  return (
    <View className={`slot e2e-slot ${error ? 'slot--error' : ''}`}>
      <View className="slot__head">
        <Text className="slot__title">时段{index + 1}</Text>
        {canRemove && (
          <Text className="slot__remove e2e-slot-remove" onClick={onRemove}>
            删除此时段
          </Text>
        )}
      </View>
      <Checkbox.Group
        className="slot__days"
        direction="horizontal"
        value={slot.days.map(String)}
        onChange={(values: string[]) => {
          const days = values.map(Number).filter((d): d is Weekday => (WEEKDAYS as readonly number[]).includes(d));
          onChange({ ...slot, days: [...new Set(days)].sort((a, b) => a - b) });
        }}
      >
        {WEEKDAYS.map((d) => (
          <Checkbox key={d} shape="button" value={String(d)} label={WEEKDAY_LABELS[d]} className={`slot__day e2e-day-${d}`} />
        ))}
      </Checkbox.Group>
      <View className="slot__times">
        <TimeField label="上班" value={slot.start} className="e2e-slot-start" onChange={(start) => onChange({ ...slot, start })} />
        <Text className="slot__to">至</Text>
        <TimeField label="下班" value={slot.end} className="e2e-slot-end" onChange={(end) => onChange({ ...slot, end })} />
      </View>
      {error && <Text className="field-error e2e-slot-error">{error}</Text>}
    </View>
  );
}
