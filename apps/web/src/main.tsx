import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { Providers } from './app/providers';
import './app/styles.css';

dayjs.locale('zh-cn');
z.config(z.locales.zhCN());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Providers />
  </StrictMode>,
);
