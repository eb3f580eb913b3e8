import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { checkWeights, INDICATORS, type ScoreWeights } from '@core/assessment/indicators';
import ActionButton from '../../../components/ActionButton';
import { messageOf } from '../../../lib/cloud/call-error';
import { assessmentApi } from '../api';

const ORDER: (keyof ScoreWeights)[] = ['onTimeRate', 'satisfactionRate', 'solveRate', 'timelyAcceptRate'];

/**
 * 综合得分权重 (street administrators): four whole percentages that add up to 100. The server checks the
 * same rule (core checkWeights) and writes the change to the audit log; the dashboard then reloads.
 */
export default function WeightsEditor({ weights, onSaved }: { weights: ScoreWeights; onSaved: () => void }) {
  const [draft, setDraft] = useState<Record<keyof ScoreWeights, string>>(() => Object.fromEntries(ORDER.map((k) => [k, String(weights[k])])) as Record<keyof ScoreWeights, string>);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const values = Object.fromEntries(ORDER.map((k) => [k, draft[k] === '' ? Number.NaN : Number(draft[k])])) as unknown as ScoreWeights;
  const sum = ORDER.reduce((a, k) => a + (Number.isFinite(values[k]) ? values[k] : 0), 0);
  const valid = checkWeights(values);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await assessmentApi.saveWeights(values);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="section asm-weights e2e-weights">
      <Text className="section__title">综合得分权重</Text>
      <Text className="section__hint">四项为 0–100 的整数，合计 100。保存后全街道的得分与排名按新权重计算，修改记入操作记录。</Text>
      {ORDER.map((k) => (
        <View key={k} className="asm-weights__row">
          <Text className="asm-weights__label">{INDICATORS[k].label}</Text>
          <Input
            className={`rq-input asm-weights__input e2e-weight-${k}`}
            type="number"
            maxlength={3}
            value={draft[k]}
            onInput={(e) => {
              setDraft({ ...draft, [k]: e.detail.value.replace(/\D/g, '') });
              setError(null);
            }}
          />
          <Text className="asm-weights__unit">%</Text>
        </View>
      ))}
      <Text className={`asm-weights__sum ${valid ? '' : 'asm-weights__sum--bad'} e2e-weights-sum`}>
        合计 {sum}%{valid ? '' : '，须为 100%'}
      </Text>
      {error && <Text className="field-error e2e-weights-error">{error}</Text>}
      <ActionButton type="primary" className="e2e-weights-save" disabled={!valid || busy} loading={busy} onClick={() => void save()}>
        保存权重
      </ActionButton>
    </View>
  );
}
