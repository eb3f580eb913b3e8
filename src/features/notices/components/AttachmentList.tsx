import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeAttachmentView } from '@core/api/notice.contract';
import { fileSizeText } from '../attachment-rules';
import { openPdf } from '../pdf';

/** A notice's PDFs: a tap opens one in the phone's document viewer (weapp) or the browser (H5). */
export default function AttachmentList({ files }: { files: NoticeAttachmentView[] }) {
  const [opening, setOpening] = useState<string | null>(null);
  if (files.length === 0) return null;

  async function open(f: NoticeAttachmentView) {
    if (!f.url || opening) return;
    setOpening(f.fileId);
    try {
      await openPdf(f.url);
    } catch {
      void Taro.showToast({ title: '文件没有打开，请稍后再试', icon: 'none', duration: 2500 });
    } finally {
      setOpening(null);
    }
  }

  return (
    <View className="nt-files e2e-attachments">
      {files.map((f) => (
        <View key={f.fileId} className={`nt-file e2e-attachment ${f.url ? '' : 'nt-file--gone'}`} hoverClass={f.url ? 'nt-file--pressed' : 'none'} onClick={() => void open(f)}>
          <Text className="nt-file__icon">PDF</Text>
          <View className="nt-file__main">
            <Text className="nt-file__name">{f.name}</Text>
            <Text className="nt-file__size">{f.url ? fileSizeText(f.size) : '文件已失效'}</Text>
          </View>
          {f.url && <Text className="nt-file__open">{opening === f.fileId ? '正在打开…' : '打开'}</Text>}
        </View>
      ))}
    </View>
  );
}
