import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KeyEntryApp } from './key-entry-app';
import './key-entry.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(
  <StrictMode>
    <KeyEntryApp />
  </StrictMode>,
);
