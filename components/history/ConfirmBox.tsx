/** An inline confirmation for destructive actions; focus starts on Cancel, Escape cancels. */
import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '../i18n';

export interface Confirmation {
  text: string;
  confirmLabel: string;
  run: () => Promise<string>;
}

export function ConfirmBox(props: { text: string; confirmLabel: string; onCancel: () => void; onConfirm: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const textId = useId();
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="history-confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={textId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id={textId}>{props.text}</p>
      <div class="history-actions">
        <button type="button" class="history-danger history-danger--solid" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" ref={cancel} onClick={props.onCancel}>
          {t('history.cancel')}
        </button>
      </div>
    </div>
  );
}
