import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { MeView } from '@core/api/contract';
import ActionButton from '../../../../components/ActionButton';
import { needsSignIn } from '../../../../lib/cloud/session';
import { ROUTES } from '../../../../lib/routes';
import { goToSignIn } from '../../../../lib/sign-in';
import { peopleApi } from '../../api';
import { checkRedeemInput, codeFromQuery, grantedLines, normalizeCode, redeemProblemOf, type RedeemProblem } from '../../redeem-form';
import '../../people.scss';

/**
 * 我有邀请码: a person of the staff register binds their WeChat to the post an admin invited them to. The
 * invitation link opens this page with the code filled in; the last 4 digits of the registered mobile prove
 * it is them. The role comes from the register, never from the code.
 */
export default function RedeemPage() {
  const { params } = useRouter();
  const [code, setCode] = useState(() => codeFromQuery(params));
  const [last4, setLast4] = useState('');
  const [problem, setProblem] = useState<RedeemProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<MeView | null>(null);
  const signInFirst = needsSignIn();
  useEffect(() => {
    // Signing in comes back to this page, the code still in its link.
    if (signInFirst) goToSignIn();
  }, [signInFirst]);

  async function submit() {
    const local = checkRedeemInput(code, last4);
    setProblem(local);
    if (local) return;
    setSending(true);
    try {
      setDone(await peopleApi.redeem({ code: normalizeCode(code), mobileLast4: last4 }));
    } catch (e) {
      setProblem(redeemProblemOf(e));
    } finally {
      setSending(false);
    }
  }

  if (done) {
    return (
      <View className="people-page redeem redeem--done e2e-redeem-done">
        <View className="section redeem-result">
          <Text className="redeem-result__icon">✓</Text>
          <Text className="redeem-result__title">{done.name}，欢迎加入</Text>
          <Text className="section__hint">您已获得以下工作身份：</Text>
          {grantedLines(done).map((line) => (
            <Text key={line} className="redeem-result__role e2e-redeem-role">
              {line}
            </Text>
          ))}
        </View>
        <ActionButton block size="large" type="primary" className="e2e-redeem-home" onClick={() => void Taro.reLaunch({ url: ROUTES.home })}>
          进入工作台
        </ActionButton>
      </View>
    );
  }

  return (
    <View className="people-page redeem">
      <View className="section">
        <Text className="section__title">接受邀请</Text>
        <Text className="section__hint">请输入管理员发给您的邀请码，以及您在街道登记的手机号的最后四位。</Text>
        <View className={`field ${problem?.field === 'code' ? 'field--error' : ''}`}>
          <Text className="field__label">邀请码</Text>
          <Input
            className="field__input redeem__input e2e-redeem-code"
            value={code}
            maxlength={12}
            placeholder="8 位字母和数字"
            onInput={(e) => {
              setCode(e.detail.value);
              setProblem(null);
            }}
          />
        </View>
        <View className={`field ${problem?.field === 'last4' ? 'field--error' : ''}`}>
          <Text className="field__label">手机号后四位</Text>
          <Input
            className="field__input redeem__input e2e-redeem-last4"
            value={last4}
            type="number"
            maxlength={4}
            placeholder="例如 5678"
            onInput={(e) => {
              setLast4(e.detail.value.replace(/\D/g, ''));
              setProblem(null);
            }}
          />
        </View>
        {problem && (
          <View className={`redeem__problem ${problem.closed ? 'redeem__problem--closed' : ''} e2e-redeem-error`}>
            <Text>{problem.message}</Text>
          </View>
        )}
      </View>
      <ActionButton block size="large" type="primary" loading={sending} className="e2e-redeem-submit" onClick={() => void submit()}>
        确认加入
      </ActionButton>
    </View>
  );
}
