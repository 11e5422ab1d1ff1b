import type { MeetingDetail } from '@hangbiao/shared/contracts/orglife';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { errorText } from '../../app/api';
import { meetingKeys } from './orglife-queries';

interface Options {
  /** The toast after success. */
  success?: string;
  /** A form's `fail`, to put the server's field messages on its fields; a toast otherwise. */
  onError?: (error: unknown) => void;
  onDone?: () => void;
}

/** A change to one meeting: the server answers with the meeting as it now is, which replaces the cached one. */
export function useMeetingChange<I>(meetingId: string, change: (input: I) => Promise<MeetingDetail>, options: Options = {}) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: change,
    onSuccess: (meeting) => {
      client.setQueryData(meetingKeys.detail(meetingId), meeting);
      void client.invalidateQueries({ queryKey: ['meetings', 'list'] });
      void client.invalidateQueries({ queryKey: ['meetings', 'calendar'] });
      if (options.success) void message.success(options.success);
      options.onDone?.();
    },
    onError: options.onError ?? ((error) => void message.error(errorText(error))),
  });
}
