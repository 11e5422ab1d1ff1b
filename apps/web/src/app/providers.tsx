import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { queryClient } from './query-client';
import { router } from './router';

const theme = {
  // Users who ask their system for reduced motion get none: dropdowns, dialogs and messages appear at once.
  token: { colorPrimary: '#c8161d', colorLink: '#b0151b', borderRadius: 6, motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches },
  components: { Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff' } },
};

export function Providers() {
  return (
    // Buttons keep their text as written ("登录", not "登 录"), so labels match what users and tests read.
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
