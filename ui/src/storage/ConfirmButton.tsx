import { useState } from 'react';

interface ConfirmButtonProps {
  label: string;
  /** Asked before the action runs, e.g. "Delete report.csv?". */
  question: string;
  onConfirm: () => void;
  testId: string;
  title?: string;
  disabled?: boolean;
}

/** A button for a destructive action that asks inline before acting. */
export function ConfirmButton({ label, question, onConfirm, testId, title, disabled }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="small-button danger-button"
        data-testid={testId}
        title={title}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="small-button danger-button solid"
        data-testid="confirm-yes"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {label}
      </button>
      <button type="button" className="small-button" data-testid="confirm-no" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
