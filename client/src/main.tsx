import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { ReportPage, reportIdOf } from './report-page.js';

const reportId = reportIdOf(location.pathname);
createRoot(document.getElementById('root') as HTMLElement).render(<StrictMode>{reportId ? <ReportPage id={reportId} /> : <App />}</StrictMode>);
