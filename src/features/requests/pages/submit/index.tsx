import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { useQuery } from '../../../../hooks/use-query';
import { gridLabel } from '../../../../lib/format';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { accountApi } from '../../../account/api';
import { requestApi } from '../../api';
import RequestFields from '../../components/RequestFields';
import SimilarList from '../../components/SimilarList';
import ToggleRow from '../../components/ToggleRow';
import { checkSubmit, toSubmitInput } from '../../request-draft';
import { useDraftSend } from '../../use-draft-send';
import { useRequestDraft } from '../../use-request-draft';
import '../../components/requests.scss';

async function loadForm() {
  const [me, categories] = await Promise.all([accountApi.me(), requestApi.categories()]);
  return { me, categories };
}

/** 我要反映: a resident reports a problem to their grid worker. */
export default function SubmitPage() {
  const q = useQuery('request-submit', loadForm);
  const me = q.data?.me;
  const categories = q.data?.categories ?? [];
  const form = useRequestDraft('request', me?.residence ? me.userId : undefined);
  const { draft, errors } = form;
  const { send, sending, uploading, setUploading, formError } = useDraftSend(form, {
    check: (d) => {
      const found = checkSubmit(d);
      if (d.categoryId && !categories.some((c) => c.id === d.categoryId)) found.category = '请选择诉求类别';
      return found;
    },
    send: (d) => requestApi.submit(toSubmitInput(d)),
    doneTitle: '提交成功',
    detailQuery: { created: 1 },
  });

  const now = useNow();
  const unbound = Boolean(me && !me.residence);
  // 同问 instead of a new request: the draft is done with, the page hands over to the request they now follow.
  const followed = (id: string) => {
    form.finish();
    void Taro.redirectTo({ url: withQuery(ROUTES.requestDetail, { id, metoo: 1 }) });
  };
  return (
    <PageShell
      className="rq-submit"
      loading={q.loading || (Boolean(me?.residence) && !draft)}
      skeleton="form"
      error={q.error}
      hasContent={Boolean(q.data)}
      onRetry={() => void q.reload()}
      empty={
        unbound && {
          title: '请先绑定住址',
          icon: '家',
          description: '绑定您家的住址后，诉求会直接交给负责您家的网格员。',
          actions: (
            <ActionButton type="primary" size="large" block className="e2e-bind-start" onClick={() => void Taro.navigateTo({ url: ROUTES.bind })}>
              去绑定住址
            </ActionButton>
          ),
        }
      }
      footer={
        draft &&
        !unbound && (
          <ActionButton type="primary" size="large" block loading={sending} disabled={uploading} className="e2e-submit" onClick={() => void send()}>
            {sending ? '正在提交…' : uploading ? '图片上传中…' : '提交'}
          </ActionButton>
        )
      }
    >
      {me?.residence && draft && (
        <>
          <Text className="section__hint rq-submit__to">
            将交给：{gridLabel(me.residence.communityName, me.residence.gridName)}的网格员
          </Text>
          {form.restored && (
            <View className="rq-notice e2e-draft-restored">
              <Text>
                已恢复您上次没有提交的内容{form.restored.photosDropped ? '（图片已过期，请重新添加）' : ''}
              </Text>
              <Text className="rq-notice__action e2e-draft-discard" onClick={form.discard}>
                清空重填
              </Text>
            </View>
          )}
          {formError && <Text className="rq-form-error e2e-form-error">{formError}</Text>}
          <RequestFields
            draft={draft}
            errors={errors}
            categories={categories}
            update={form.update}
            onUploading={setUploading}
            descriptionPlaceholder="请说说发生了什么、在哪里、持续多久了（至少5个字）"
            afterDescription={<SimilarList categoryId={draft.categoryId} description={draft.description} now={now} onFollowed={followed} />}
          />
          <View className="section">
            <ToggleRow
              className="e2e-hide-name"
              text="不向网格员以外的人员显示我的姓名"
              on={draft.hideName}
              onChange={(on) => form.update(() => ({ hideName: on }))}
            />
          </View>
        </>
      )}
    </PageShell>
  );
}
