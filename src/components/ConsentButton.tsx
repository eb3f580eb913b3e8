import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SubscriptionsView } from '@core/api/message.contract';
import { CONSENT_MOMENT_SPECS, type ConsentMoment } from '@core/messages/consent';
import type { MessageTemplate } from '@core/messages/message';
import { messageApi } from '../features/messages/api';
import { useQuery } from '../hooks/use-query';
import { messageOf } from '../lib/cloud/call-error';
import { askWechat, HAS_WECHAT_DIALOG } from '../lib/consent-dialog';
import ActionButton, { type ActionButtonSize, type ActionButtonType } from './ActionButton';
import ConsentSheet from './ConsentSheet';
import './consent.scss';

interface Props {
  moment: ConsentMoment;
  type?: ActionButtonType;
  size?: ActionButtonSize;
  block?: boolean;
  /** Show how many sends of each template are left under the button. */
  showCredits?: boolean;
  className?: string;
}

/** 「还可提醒」: each template of the moment with the sends left. */
export function creditsText(view: SubscriptionsView | undefined, moment: ConsentMoment): string {
  const spec = CONSENT_MOMENT_SPECS[moment];
  const offered = (view?.templates ?? []).filter((t) => spec.templates.includes(t.template) && t.templateId);
  return offered.map((t) => `${t.label} ${t.credits} 次`).join('，');
}

/**
 * Asks for consent to subscribe messages at one of the moments the product asks at — only ever from this
 * tap. In WeChat it opens WeChat's dialog directly in the tap (the template ids are loaded beforehand, as
 * WeChat refuses a dialog opened after an await); in the browser it opens the local sheet. Either way the
 * choice is recorded by the server, one send per template allowed.
 */
export default function ConsentButton({ moment, type = 'ghost', size = 'normal', block, showCredits, className }: Props) {
  const spec = CONSENT_MOMENT_SPECS[moment];
  const q = useQuery(`subscriptions-${moment}`, messageApi.subscriptions);
  const [sheet, setSheet] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const offered = (q.data?.templates ?? []).filter((t) => spec.templates.includes(t.template) && t.templateId);

  async function record(accepted: MessageTemplate[]) {
    setSheet(false);
    setBusy(true);
    setProblem(null);
    try {
      q.setData(await messageApi.consent(moment, accepted));
      void Taro.showToast({ title: accepted.length ? '已开启提醒' : '未开启提醒', icon: accepted.length ? 'success' : 'none' });
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  function tap() {
    if (busy || offered.length === 0) return;
    if (!HAS_WECHAT_DIALOG) {
      setSheet(true);
      return;
    }
    // Nothing is awaited before WeChat's dialog: it must open within the tap itself.
    void askWechat(offered.map((t) => t.templateId as string)).then((res) => {
      if ('problem' in res) setProblem(res.problem);
      else void record(offered.filter((t) => res.accepted.includes(t.templateId as string)).map((t) => t.template));
    });
  }

  // An environment that sends none of these messages asks nothing.
  if (q.data && offered.length === 0) return null;
  return (
    <View className={`consent ${className ?? ''}`}>
      <ActionButton type={type} size={size} block={block} loading={busy} disabled={!q.data} className={`e2e-consent e2e-consent-${moment}`} onClick={tap}>
        {spec.label}
      </ActionButton>
      {showCredits && q.data ? <Text className="consent__credits e2e-consent-credits">还可提醒：{creditsText(q.data, moment)}</Text> : null}
      {problem ? <Text className="consent__problem e2e-consent-problem">{problem}</Text> : null}
      {sheet && <ConsentSheet templates={offered} onAllow={(accepted) => void record(accepted)} onCancel={() => setSheet(false)} />}
    </View>
  );
}
