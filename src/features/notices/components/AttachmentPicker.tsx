import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { isCallError, messageOf } from '../../../lib/cloud/call-error';
import { noticeApi } from '../api';
import { attachmentName, fileSizeText, pdfProblem } from '../attachment-rules';
import type { DraftAttachment } from '../notice-form';
import { choosePdfs, releasePdf } from '../pdf';

interface Props {
  files: DraftAttachment[];
  max: number;
  onAdd: (file: DraftAttachment) => void;
  onRemove: (index: number) => void;
  /** Told while uploads run, so the form waits for them before sending. */
  onBusy?: (busy: boolean) => void;
}

/** PDF attachments: picked (weapp: from a chat), checked, uploaded one at a time and kept as file ids. */
export default function AttachmentPicker({ files, max, onAdd, onRemove, onBusy }: Props) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  async function add() {
    const left = max - files.length;
    if (left <= 0 || progress) return;
    const pick = await choosePdfs(left);
    if (pick.kind !== 'picked') {
      if (pick.kind === 'failed') setProblems(['没有打开文件选择，请再试一次']);
      return;
    }
    const found: string[] = [];
    const ok = pick.files.slice(0, left).filter((f) => {
      const problem = pdfProblem(f);
      if (problem) {
        found.push(`${f.name}：${problem}`);
        releasePdf(f.path);
      }
      return !problem;
    });
    setProblems(found);
    if (ok.length === 0) return;
    onBusy?.(true);
    setProgress({ done: 0, total: ok.length });
    for (let i = 0; i < ok.length; i++) {
      try {
        const fileId = await noticeApi.uploadPdf(ok[i].path);
        onAdd({ fileId, name: attachmentName(ok[i].name), size: ok[i].size });
      } catch (e) {
        found.push(`${ok[i].name} 没有传上去：${messageOf(e)}`);
        // Too many, today's quota, or not allowed: the rest would be refused the same way.
        const stop = isCallError(e) && /^UPLOAD\.(RATE_LIMITED|QUOTA_EXCEEDED|NOT_ALLOWED)$/.test(e.code);
        if (stop && i + 1 < ok.length) found.push(`其余${ok.length - i - 1}个文件没有上传`);
        setProblems([...found]);
        if (stop) {
          for (const rest of ok.slice(i + 1)) releasePdf(rest.path);
          break;
        }
      } finally {
        releasePdf(ok[i].path);
      }
      setProgress({ done: i + 1, total: ok.length });
    }
    setProgress(null);
    onBusy?.(false);
  }

  return (
    <View>
      {files.map((f, i) => (
        <View key={f.fileId} className="nt-file e2e-attachment-draft">
          <Text className="nt-file__icon">PDF</Text>
          <View className="nt-file__main">
            <Text className="nt-file__name">{f.name}</Text>
            <Text className="nt-file__size">{fileSizeText(f.size)}</Text>
          </View>
          <Text className="nt-file__remove e2e-attachment-remove" onClick={() => onRemove(i)}>
            删除
          </Text>
        </View>
      ))}
      {files.length < max && (
        <View className="nt-file-add e2e-attachment-add" hoverClass="nt-file--pressed" onClick={() => void add()}>
          <Text>{progress ? `上传中 ${progress.done}/${progress.total}` : process.env.TARO_ENV === 'weapp' ? '＋ 从聊天中选择 PDF 文件' : '＋ 添加 PDF 文件'}</Text>
        </View>
      )}
      <Text className="rq-photo-hint">最多{max}个，每个不超过10MB</Text>
      {problems.map((p) => (
        <Text key={p} className="field-error e2e-attachment-error">
          {p}
        </Text>
      ))}
    </View>
  );
}
