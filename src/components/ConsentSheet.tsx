import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ConsentTemplateView } from '@core/api/message.contract';
import type { MessageTemplate } from '@core/messages/message';
import ActionButton from './ActionButton';
import './consent.scss';

interface Props {
  templates: ConsentTemplateView[];
  onAllow: (accepted: MessageTemplate[]) => void;
  onCancel: () => void;
}

/**
 * The browser's stand-in for WeChat's subscribe dialog (H5 has no `requestSubscribeMessage`): the same
 * choice, said plainly to be a local demonstration, recorded through the same server action.
 */
export default function ConsentSheet({ templates, onAllow, onCancel }: Props) {
  const [on, setOn] = useState<Record<string, boolean>>(Object.fromEntries(templates.map((t) => [t.template, true])));
  return (
    <>
      <View className="consent-mask" catchMove onClick={onCancel} />
      <View className="consent-sheet e2e-consent-sheet" catchMove>
        <Text className="consent-sheet__title">「网格通」请求向您发送以下消息</Text>
        {templates.map((t) => (
          <View
            key={t.template}
            className={`consent-row e2e-consent-option ${on[t.template] ? 'consent-row--on e2e-on' : ''}`}
            ariaRole="checkbox"
            ariaLabel={t.label}
            onClick={() => setOn((s) => ({ ...s, [t.template]: !s[t.template] }))}
          >
            <Text className="consent-row__label">{t.label}</Text>
            <View className="consent-row__check" />
          </View>
        ))}
        <Text className="consent-sheet__note e2e-consent-local-note">
          本地演示：在微信里，这里是微信的订阅消息授权框。每「允许」一次，可以收到一条这类消息；本地不会发到手机，发送内容记在「我的 → 消息记录」。
        </Text>
        <View className="consent-sheet__foot">
          <ActionButton size="large" className="e2e-consent-cancel" onClick={onCancel}>
            取消
          </ActionButton>
          <ActionButton type="primary" size="large" className="e2e-consent-allow" onClick={() => onAllow(templates.filter((t) => on[t.template]).map((t) => t.template))}>
            允许
          </ActionButton>
        </View>
      </View>
    </>
  );
}
