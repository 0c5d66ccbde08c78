import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export interface FormMessageProps {
  readonly intent: 'success' | 'error' | 'warning' | 'info';
  readonly text: string;
}

/** A form's outcome, announced politely (success) or assertively (error) to screen readers. */
export function FormMessage({ intent, text }: FormMessageProps) {
  return (
    <MessageBar intent={intent} layout="multiline" role={intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
