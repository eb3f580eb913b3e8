import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { REGISTER_KIND_LABELS, REGISTER_KINDS, REMOVED_HINT, type ImportJobView, type RegisterKind, type RegisterReport } from '@core/api/register.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { messageOf } from '../../../../lib/cloud/call-error';
import { registerApi } from '../../api';
import { carryOver, chooseHeader, chooseKind, initialChoices, missingRequired, toSheetMappings, type SheetChoice } from '../../mapping-state';
import { chooseRegisterFile, openTemplate, releaseRegisterFile } from '../../register-file';
import { canApply, countRows, problemPlace, progressPercent, uploadErrorMessage } from '../../report-view';
import './index.scss';

/** H5: this page is read on a desktop too; it widens the app's phone-sized column while it is open. */
function useWideLayout() {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    document.body.classList.add('wgt-wide');
    return () => document.body.classList.remove('wgt-wide');
  }, []);
}

function Alert({ text, className = '' }: { text: string; className?: string }) {
  return (
    <View className={`reg-alert ${className}`}>
      <Text>{text}</Text>
    </View>
  );
}

function KindChips({ choice, onChoose }: { choice: SheetChoice; onChoose: (kind: RegisterKind | null) => void }) {
  const options: (RegisterKind | null)[] = [...REGISTER_KINDS, null];
  return (
    <View className="reg-chips">
      {options.map((k) => (
        <View
          key={k ?? 'skip'}
          className={`reg-chip e2e-kind-${k ?? 'skip'} ${choice.kind === k ? 'reg-chip--on' : ''}`}
          onClick={() => onChoose(k)}
        >
          <Text>{k ? REGISTER_KIND_LABELS[k] : '跳过'}</Text>
        </View>
      ))}
    </View>
  );
}

function SheetCard({ choice, onKind, onHeader }: { choice: SheetChoice; onKind: (k: RegisterKind | null) => void; onHeader: (field: string, h: string | null) => void }) {
  const headerOptions = ['（不导入）', ...choice.headers];
  return (
    <View className="section reg-sheet e2e-sheet">
      <View className="reg-sheet__head">
        <Text className="reg-sheet__name">工作表：{choice.sheet}</Text>
        <Text className="reg-sheet__rows">{choice.rows} 行</Text>
        {choice.remembered && <Text className="tag tag--success e2e-remembered">已记住的对应关系</Text>}
        {choice.recognised ? (
          <Text className="tag tag--primary">识别为{REGISTER_KIND_LABELS[choice.recognised]}</Text>
        ) : (
          <Text className="tag tag--warning">未识别</Text>
        )}
      </View>
      <Text className="reg-label">这张表是：</Text>
      <KindChips choice={choice} onChoose={onKind} />
      {choice.kind === null ? (
        <Text className="section__hint">这张表不导入。</Text>
      ) : (
        <View className="reg-table">
          <View className="reg-table__row reg-table__row--head">
            <Text className="reg-table__cell">字段</Text>
            <Text className="reg-table__cell">文件中的列（点击修改）</Text>
          </View>
          {choice.fields.map((f) => (
            <View key={f.field} className="reg-table__row">
              <Text className="reg-table__cell">
                {f.label}
                {f.required && <Text className="text-danger">（必填）</Text>}
              </Text>
              <Picker
                mode="selector"
                range={headerOptions}
                value={f.header ? headerOptions.indexOf(f.header) : 0}
                onChange={(e) => {
                  const i = Number(e.detail.value);
                  onHeader(f.field, i <= 0 ? null : headerOptions[i]);
                }}
              >
                <Text className={`reg-table__cell reg-pick ${f.header ? '' : 'reg-pick--empty'}`}>{f.header ?? '未选择'} ▾</Text>
              </Picker>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function ReportView({ report }: { report: RegisterReport }) {
  const rows = countRows(report);
  return (
    <View className="section e2e-report">
      <Text className="section__title">检查结果</Text>
      <View className="reg-table e2e-counts">
        <View className="reg-table__row reg-table__row--head">
          {['类别', '新增', '修改', '不变', '移除'].map((h) => (
            <Text key={h} className="reg-table__cell">
              {h}
            </Text>
          ))}
        </View>
        {rows.map((r) => (
          <View key={r.kind} className={`reg-table__row e2e-count-${r.kind}`}>
            <Text className="reg-table__cell">{r.label}</Text>
            <Text className="reg-table__cell e2e-added">{r.counts.added}</Text>
            <Text className="reg-table__cell">{r.counts.changed}</Text>
            <Text className="reg-table__cell">{r.counts.unchanged}</Text>
            <Text className="reg-table__cell">{r.counts.removed}</Text>
          </View>
        ))}
      </View>
      {rows.some((r) => r.counts.removed > 0) && <Text className="section__hint e2e-removed-hint">{REMOVED_HINT}</Text>}
      {report.problems.length > 0 && (
        <View className="e2e-problems">
          <Text className="reg-problems__title">发现 {report.problems.length} 个问题</Text>
          <View className="reg-table">
            <View className="reg-table__row reg-table__row--head">
              {['工作表', '行', '列', '问题'].map((h) => (
                <Text key={h} className="reg-table__cell">
                  {h}
                </Text>
              ))}
            </View>
            {report.problems.map((p, i) => {
              const at = problemPlace(p);
              return (
                <View key={i} className="reg-table__row e2e-problem">
                  <Text className="reg-table__cell">{p.sheet}</Text>
                  <Text className="reg-table__cell e2e-problem-row">{at.row}</Text>
                  <Text className="reg-table__cell e2e-problem-column">{at.column}</Text>
                  <Text className="reg-table__cell reg-table__cell--wide e2e-problem-message">{p.message}</Text>
                </View>
              );
            })}
          </View>
          <Alert className="reg-alert--danger e2e-fix-in-excel" text="请在 Excel 中改正后重新上传" />
        </View>
      )}
      {report.toVerify.length > 0 && (
        <View className="e2e-to-verify">
          <Text className="reg-problems__title">待核实的房屋（{report.toVerify.length} 户）</Text>
          <Text className="section__hint">这些房屋不在文件中，但有居民绑定或有诉求，导入后标为待核实，不会删除。</Text>
          {report.toVerify.slice(0, 10).map((a) => (
            <Text key={a} className="reg-verify">
              {a}
            </Text>
          ))}
          {report.toVerify.length > 10 && <Text className="section__hint">还有 {report.toVerify.length - 10} 户未列出</Text>}
        </View>
      )}
    </View>
  );
}

function JobView({ job }: { job: ImportJobView }) {
  const pct = progressPercent(job);
  const rows = job.status === 'done' ? countRows(job.report) : [];
  return (
    <View className="section e2e-job">
      <Text className="section__title">{job.status === 'done' ? '导入完成' : '正在导入…'}</Text>
      <View className="reg-progress">
        <View className="reg-progress__bar" style={{ width: `${pct}%` }} />
      </View>
      <Text className="reg-progress__text e2e-job-progress">
        {job.done} / {job.total}（{pct}%）
      </Text>
      {job.status === 'done' && (
        <View className="e2e-job-done">
          {rows.map((r) => (
            <Text key={r.kind} className={`reg-done e2e-done-${r.kind}`}>
              {r.label}：新增 {r.counts.added}，修改 {r.counts.changed}，不变 {r.counts.unchanged}，移除 {r.counts.removed}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

export default function RegisterImportPage() {
  useWideLayout();
  const [file, setFile] = useState<{ fileId: string; name: string } | null>(null);
  const [choices, setChoices] = useState<SheetChoice[]>([]);
  const [busy, setBusy] = useState<null | 'template' | 'upload' | 'check' | 'apply'>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [report, setReport] = useState<RegisterReport | null>(null);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  // The run's job id, once apply returned one: every later call (a retry after a failed call) continues it.
  const jobIdRef = useRef<string | null>(null);

  async function downloadTemplate() {
    setBusy('template');
    setFileError(null);
    try {
      const t = await registerApi.template();
      await openTemplate(t.url, t.name);
    } catch (e) {
      setFileError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function pickFile() {
    setFileError(null);
    const pick = await chooseRegisterFile();
    if (pick.kind === 'cancelled') return;
    if (pick.kind === 'failed') return setFileError('没有打开文件选择，请再试一次');
    setBusy('upload');
    try {
      const fileId = await registerApi.upload(pick.path);
      const inspection = await registerApi.inspect(fileId);
      const next = initialChoices(inspection);
      // A re-upload of the corrected file keeps the mappings already chosen.
      setChoices((prev) => (prev.length ? carryOver(prev, next) : next));
      setFile({ fileId, name: pick.name });
      setReport(null);
      setJob(null);
      setApplyError(null);
      setCheckError(null);
      jobIdRef.current = null;
    } catch (e) {
      // The earlier file and mappings stay: the page is still usable.
      setFileError(uploadErrorMessage(e, messageOf));
    } finally {
      releaseRegisterFile(pick.path);
      setBusy(null);
    }
  }

  async function check() {
    if (!file) return;
    setBusy('check');
    setCheckError(null);
    try {
      setReport(await registerApi.dryRun(file.fileId, toSheetMappings(choices)));
    } catch (e) {
      setCheckError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function apply() {
    if (!file || busy) return;
    setBusy('apply');
    setApplyError(null);
    const mappings = toSheetMappings(choices);
    try {
      for (;;) {
        const view = await registerApi.apply(file.fileId, mappings, jobIdRef.current ?? undefined);
        jobIdRef.current = view.jobId;
        setJob(view);
        if (view.status === 'done') {
          // The mapping and report fold away when done: the result is read from the top.
          void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
          break;
        }
        if (view.status === 'failed') {
          setApplyError(view.error ?? '导入没有完成，请点“继续导入”');
          break;
        }
      }
    } catch (e) {
      setApplyError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  const missing = missingRequired(choices);
  const applyAllowed = report !== null && canApply(report) && job?.status !== 'done';
  const done = job?.status === 'done';

  return (
    <PageShell className="reg-page">
      <View className="reg-wrap">
        <View className="section">
          <Text className="section__title">1. 准备台账文件</Text>
          <Text className="section__hint">请用模板填写社区、网格、房屋和工作人员，支持 Excel（.xlsx）和 CSV 文件。</Text>
          <View className="reg-actions">
            <ActionButton size="large" className="e2e-template" loading={busy === 'template'} onClick={() => void downloadTemplate()}>
              下载模板
            </ActionButton>
            <ActionButton type="primary" size="large" className="e2e-choose-file" loading={busy === 'upload'} disabled={busy === 'apply'} onClick={() => void pickFile()}>
              {file ? '重新上传' : '选择文件'}
            </ActionButton>
          </View>
          {busy === 'upload' && <Text className="section__hint e2e-uploading">正在上传并读取文件…</Text>}
          {file && <Text className="reg-file e2e-file-name">已上传：{file.name}</Text>}
          {fileError && <Alert className="reg-alert--danger e2e-file-error" text={fileError} />}
        </View>

        {file && choices.length > 0 && !done && (
          <View className="section">
            <Text className="section__title">2. 核对列的对应关系</Text>
            <Text className="section__hint">系统已按表头识别。如有不对，请选择正确的类别或列。</Text>
            {choices.map((c) => (
              <SheetCard
                key={c.sheet}
                choice={c}
                onKind={(k) => {
                  setChoices((prev) => chooseKind(prev, c.sheet, k));
                  setReport(null);
                }}
                onHeader={(field, h) => {
                  setChoices((prev) => chooseHeader(prev, c.sheet, field, h));
                  setReport(null);
                }}
              />
            ))}
            {missing.length > 0 && <Alert text={`还有必填字段没有选择对应的列：${missing.map((m) => `${m.sheet}·${m.label}`).join('、')}`} />}
            <ActionButton type="primary" size="large" block className="e2e-dry-run" loading={busy === 'check'} disabled={missing.length > 0 || busy === 'apply' || done} onClick={() => void check()}>
              检查（试导入）
            </ActionButton>
            {checkError && <Alert className="reg-alert--danger e2e-check-error" text={checkError} />}
          </View>
        )}

        {report && !done && <ReportView report={report} />}

        {report && (
          <View className="section">
            <Text className="section__title">3. 导入</Text>
            {!canApply(report) && <Text className="section__hint">检查发现问题，改正前不能导入。</Text>}
            {canApply(report) && !job && <Text className="section__hint">检查通过，可以开始导入。导入可能需要几分钟，请不要关闭页面。</Text>}
            {!done && (
              <ActionButton
                type="primary"
                size="large"
                block
                className={applyError ? 'e2e-apply-retry' : 'e2e-apply'}
                disabled={!applyAllowed}
                loading={busy === 'apply'}
                onClick={() => void apply()}
              >
                {applyError ? '继续导入' : '开始导入'}
              </ActionButton>
            )}
            {applyError && <Alert className="reg-alert--danger e2e-apply-error" text={`${applyError}（点“继续导入”会接着上次的进度，不会重复导入）`} />}
            {job && <JobView job={job} />}
            {done && (
              <ActionButton size="large" block className="e2e-go-home" onClick={() => void Taro.navigateBack()}>
                返回
              </ActionButton>
            )}
          </View>
        )}
      </View>
    </PageShell>
  );
}
