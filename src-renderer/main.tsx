/** Renderer entry: pick the transport, create the store, render, load. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectApi } from './api/detect';
import { App } from './app/App';
import { createDocumentStore } from './document/documentStore';
import { DocStoreContext } from './document/react';
import { guessLocale } from './i18n';
import './styles.css';

const { api, events } = detectApi();
const store = createDocumentStore(api, guessLocale(navigator.languages ?? [navigator.language]), events);
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <DocStoreContext.Provider value={store}>
      <App />
    </DocStoreContext.Provider>
  </StrictMode>,
);
void store.getState().init();
