import { useState, type ReactNode } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import ActionButton from '../../../components/ActionButton';
import Sheet from '../../requests/components/Sheet';
import { charCount } from '../../requests/request-draft';

interface Props {
  title: string;
  hint?: ReactNode;
  label: string;
  placeholder: string;
  /** 0: the note may be left empty. */
  min: number;
  max: number;
  confirmText: string;
  danger?: boolean;
  className?: string;
  onClose: () => void;
  /** Sends it; resolves with a problem to show, or null when done (the page closes the sheet). */
  onSubmit: (text: string) => Promise<string | null>;
}

/** A bottom sheet asking for one short text (a reason, a note) before an action is sent. */
export default function NoteSheet({ title, hint, label, placeholder, min, max, confirmText, danger, className, onClose, onSubmit }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const length = charCount(text);

  async function confirm() {
    if (sending) return;
    if (length < min) {
      setError(min <= 1 ? `请填写${label}` : `${label}至少需要${min}个字`);
      return;
    }
    if (length > max) {
      setError(`${label}不能超过${max}个字`);
      return;
    }
    setSending(true);
    const problem = await onSubmit(text.trim());
    if (problem) {
      setError(problem);
      setSending(false);
    }
  }

  return (
    <Sheet
      title={title}
      className={className}
      onClose={onClose}
      footer={
        <>
          <ActionButton size="large" className="e2e-dialog-cancel" onClick={onClose}>
            取消
          </ActionButton>
          <ActionButton type={danger ? 'danger' : 'primary'} size="large" loading={sending} className="e2e-dialog-confirm" onClick={() => void confirm()}>
            {confirmText}
          </ActionButton>
        </>
      }
    >
      {hint ? <View className="rq-sheet__hint">{hint}</View> : null}
      <View className={`rq-field section ${error ? 'rq-field--error' : ''}`}>
        <Text className="rq-field__label">
          {label}
          {min === 0 && <Text className="rq-field__optional">（选填）</Text>}
        </Text>
        <Textarea
          className="rq-textarea rq-textarea--short e2e-dialog-text"
          value={text}
          maxlength={max}
          placeholder={placeholder}
          fixed
          onInput={(e) => {
            setText(e.detail.value);
            setError(null);
          }}
        />
        <Text className={`rq-counter ${length > max ? 'rq-counter--bad' : ''}`}>
          {length}/{max}
        </Text>
        {error && <Text className="field-error e2e-dialog-error">{error}</Text>}
      </View>
    </Sheet>
  );
}
