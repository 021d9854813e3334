// Page entry: mounts the playground. `/embed?lesson=…` (no slash) reaches
// this page where the server falls back to it: it goes on to /embed/.
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

if (/\/embed$/.test(location.pathname)) location.replace(`${location.pathname}/${location.search}${location.hash}`);
else createRoot(document.getElementById('root')!).render(<App />);
