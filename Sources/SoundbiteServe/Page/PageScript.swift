/// The page's script (served as `/app.js`; the only script the policy
/// allows). It builds every element with `createElement` and puts every
/// string from the index in with `textContent` or as a text node, so a
/// transcript holding markup shows as text; highlights come from the hit's
/// UTF-8 byte ranges, not from parsing the marked snippet. Links and players
/// are made only for `http:` and `https:` media URLs.
enum PageScript {
    static let text = #"""
    'use strict';
    (() => {
      const PAGE = 20;
      const FILTER_PARAMS = ['role', 'chapter', 'speaker', 'interview', 'used'];
      const FORMATS = ['edl', 'fcpxml', 'otio', 'srt', 'vtt', 'csv'];
      const $ = (selector) => document.querySelector(selector);
      const encoder = new TextEncoder();
      const decoder = new TextDecoder();
      let state = { q: '', filters: [], offset: 0, open: null };
      let results = null;
      let current = -1;
      let sequence = 0;
      let basket = loadBasket();

      /** An element with properties and children (strings become text nodes). */
      function el(tag, props, ...children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(props || {})) {
          if (key === 'data') { for (const [k, v] of Object.entries(value)) node.dataset[k] = v; }
          else if (key.startsWith('aria') || key === 'role') node.setAttribute(key.replace(/^aria([A-Z])/, (m, c) => 'aria-' + c.toLowerCase()), value);
          else node[key] = value;
        }
        for (const child of children) if (child !== null && child !== undefined && child !== '') node.append(child);
        return node;
      }

      /** `text` with its UTF-8 byte ranges wrapped in <mark>, as text nodes only. */
      function highlighted(text, ranges) {
        const fragment = document.createDocumentFragment();
        const bytes = encoder.encode(text);
        let at = 0;
        for (const [start, end] of (ranges || []).slice().sort((a, b) => a[0] - b[0])) {
          if (start < at || end > bytes.length || start >= end) continue;
          if (start > at) fragment.append(decoder.decode(bytes.subarray(at, start)));
          fragment.append(el('mark', {}, decoder.decode(bytes.subarray(start, end))));
          at = end;
        }
        if (at < bytes.length) fragment.append(decoder.decode(bytes.subarray(at)));
        return fragment;
      }

      // MARK: the URL holds the search

      function readURL() {
        const p = new URLSearchParams(location.search);
        state = { q: p.get('q') || '', filters: [], offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0), open: null };
        for (const [key, value] of p) {
          if (FILTER_PARAMS.includes(key)) state.filters.push({ name: key, value });
          else if (key === 'where') {
            const eq = value.indexOf('=');
            if (eq > 0) state.filters.push({ name: value.slice(0, eq), value: value.slice(eq + 1) });
          }
        }
        const open = parseInt(p.get('open') || '', 10);
        if (open >= 0) state.open = open;
      }

      function searchParams(forURL) {
        const p = new URLSearchParams();
        if (state.q) p.set('q', state.q);
        for (const f of state.filters) {
          if (FILTER_PARAMS.includes(f.name)) p.append(f.name, f.value);
          else p.append('where', f.name + '=' + f.value);
        }
        if (state.offset) p.set('offset', String(state.offset));
        if (forURL && state.open !== null) p.set('open', String(state.open));
        return p;
      }

      function go(push) {
        const query = searchParams(true).toString();
        const url = location.pathname + (query ? '?' + query : '');
        if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
      }

      // MARK: talking to the API

      async function api(path, options) {
        const init = Object.assign({ headers: {} }, options || {});
        const token = sessionStorage.getItem('soundbite.token');
        if (token) init.headers.Authorization = 'Bearer ' + token;
        const response = await fetch(path, init);
        if (response.status === 401) { $('#token-form').hidden = false; $('#token').focus(); throw new Error('an access token is needed'); }
        return response;
      }

      function setStatus(text) { $('#status').textContent = text; }

      // MARK: searching

      async function run() {
        $('#q').value = state.q;
        clearError();
        const mine = ++sequence;
        if (!state.q.trim()) { results = null; renderHits(); renderFacets(); closeDetail(false); intro(mine); return; }
        const p = searchParams(false);
        p.set('n', String(PAGE));
        setStatus('Searching…');
        let response, body;
        try {
          response = await api('/api/search?' + p.toString());
          body = await response.json();
        } catch (error) { if (mine === sequence) setStatus('No answer: ' + error.message); return; }
        if (mine !== sequence) return;
        if (!response.ok) { results = null; renderHits(); renderFacets(); showError(body); return; }
        results = body;
        renderHits();
        renderFacets();
        const first = results.hits.length ? state.offset + 1 : 0;
        const last = state.offset + results.hits.length;
        setStatus(results.total === 0 ? 'No passage matches.'
          : `${results.total} passage${results.total === 1 ? '' : 's'} match; showing ${first}–${last}.`);
        $('#pager').hidden = results.total <= PAGE;
        $('#prev').disabled = state.offset === 0;
        $('#next').disabled = last >= results.total;
        if (state.open !== null && state.open < results.hits.length) openHit(state.open, false);
        else closeDetail(false);
      }

      async function intro(mine) {
        try {
          const response = await api('/api/stats');
          const s = await response.json();
          if (mine !== sequence || !response.ok) return;
          setStatus(`${s.interviews} interviews, ${(s.seconds / 3600).toFixed(1)} hours, ${s.speakers} speakers. Type a few words to search.`);
        } catch (error) { if (mine === sequence) setStatus('No answer: ' + error.message); }
      }

      function clearError() {
        $('#q-error').hidden = true;
        $('#q').removeAttribute('aria-invalid');
      }

      /** A query error at its column: the message, the query and a caret under the column. */
      function showError(body) {
        setStatus('');
        $('#q-error-message').textContent = body.error || 'The search failed.';
        const column = body.column || 0;
        const chars = Array.from(state.q);
        $('#q-error-query').textContent = column ? state.q : '';
        $('#q-error-caret').textContent = column ? ' '.repeat(Math.max(0, column - 1)) + '^' : '';
        $('#q-error').hidden = false;
        $('#q').setAttribute('aria-invalid', 'true');
        if (column) {
          const at = chars.slice(0, column - 1).join('').length;
          $('#q').focus();
          $('#q').setSelectionRange(at, Math.min(state.q.length, at + (chars[column - 1] || '').length));
        }
      }

      // MARK: hits

      function renderHits() {
        const list = $('#hits');
        list.replaceChildren();
        current = -1;
        if (!results) { $('#pager').hidden = true; return; }
        results.hits.forEach((hit, i) => {
          const open = el('button', { type: 'button', className: 'open', ariaLabel: `Play and read: ${hit.speaker || 'unknown speaker'} at ${hit.timecode}` }, 'Play and read');
          open.addEventListener('click', () => openHit(i, true));
          const add = el('button', { type: 'button', className: 'add quiet' }, inBasket(hit) ? 'In selects' : 'Add to selects');
          add.addEventListener('click', () => addSelect(hit));
          const meta = el('p', { className: 'meta' },
            el('span', { className: 'who' }, hit.speaker || 'Unknown speaker'),
            hit.role ? ` (${hit.role})` : '', ' · ', hit.chapter || '—', ' · ', hit.timecode, ' · ', hit.title);
          const item = el('li', { className: 'hit', id: 'hit-' + i, tabIndex: -1, data: { index: String(i) } },
            meta, el('p', { className: 'quote' }, highlighted(hit.text, hit.highlights)), el('div', { className: 'actions' }, open, add));
          list.append(item);
        });
      }

      function focusHit(i) {
        const items = document.querySelectorAll('#hits .hit');
        if (!items.length) return;
        current = Math.max(0, Math.min(items.length - 1, i));
        items.forEach((item, k) => item.setAttribute('aria-current', k === current ? 'true' : 'false'));
        items[current].focus();
        items[current].scrollIntoView({ block: 'nearest' });
      }

      // MARK: facets and filters

      function renderFacets() {
        const active = $('#active-filters');
        active.replaceChildren();
        for (const f of state.filters) {
          const remove = el('button', { type: 'button', className: 'quiet', ariaLabel: `Remove the filter ${f.name}: ${f.value}` }, `${f.name}: ${f.value} ×`);
          remove.addEventListener('click', () => toggleFilter(f.name, f.value));
          active.append(el('li', {}, remove));
        }
        const lists = $('#facet-lists');
        lists.replaceChildren();
        if (!results) return;
        const names = Object.keys(results.facets || {});
        const order = ['role', 'chapter'].filter((n) => names.includes(n)).concat(names.filter((n) => n !== 'role' && n !== 'chapter').sort());
        for (const name of order) {
          const values = Object.entries(results.facets[name]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 40);
          if (!values.length) continue;
          const list = el('ul', { className: 'facet-values' });
          for (const [value, count] of values) {
            const pressed = state.filters.some((f) => f.name === name && f.value.toLowerCase() === value.toLowerCase());
            const button = el('button', { type: 'button', ariaPressed: String(pressed), data: { facet: name, value } },
              el('span', {}, value || '(none)'), el('span', { className: 'count' }, String(count)));
            button.addEventListener('click', () => toggleFilter(name, value));
            list.append(el('li', {}, button));
          }
          lists.append(el('fieldset', {}, el('legend', {}, name), list));
        }
      }

      function toggleFilter(name, value) {
        const i = state.filters.findIndex((f) => f.name === name && f.value.toLowerCase() === value.toLowerCase());
        if (i >= 0) state.filters.splice(i, 1); else state.filters.push({ name, value });
        state.offset = 0;
        state.open = null;
        go(true);
        run();
      }

      // MARK: one hit: player and transcript

      function mediaURL(media) {
        if (!/^https?:\/\//i.test(media || '')) return null;
        try { return new URL(media); } catch (error) { return null; }
      }

      async function openHit(i, focus) {
        if (!results || !results.hits[i]) return;
        const hit = results.hits[i];
        if (state.open !== i) { state.open = i; go(false); }
        focusHit(i);
        if (focus === false) document.activeElement.blur();
        $('#detail').hidden = false;
        $('#detail-title').textContent = hit.title;
        $('#detail-meta').textContent = `${who(hit.speaker, hit.role)} · ${hit.chapter || '—'} · ${hit.timecode}`;
        renderPlayer(hit);
        if (focus) $('#detail-title').focus();
        const list = $('#transcript');
        list.replaceChildren(el('li', {}, 'Loading the transcript…'));
        try {
          const response = await api(`/api/show?interview=${encodeURIComponent(hit.interview)}&at=${hit.start}&n=6`);
          const body = await response.json();
          if (state.open !== i) return;
          if (!response.ok) { list.replaceChildren(el('li', { className: 'error' }, body.error || 'The transcript could not be read.')); return; }
          renderTranscript(body, hit);
        } catch (error) { list.replaceChildren(el('li', { className: 'error' }, 'No answer: ' + error.message)); }
      }

      function renderPlayer(hit) {
        const box = $('#player');
        box.replaceChildren();
        const url = mediaURL(hit.media);
        if (!url) {
          if (hit.media) box.append(el('p', { className: 'help' }, `Recording: ${hit.media} (from ${hit.timecode})`));
          return;
        }
        const bare = new URL(url.href); bare.hash = '';
        const audio = /\.(mp3|m4a|aac|wav|ogg|oga|opus|flac)$/i.test(bare.pathname);
        const player = el(audio ? 'audio' : 'video', { controls: true, preload: 'metadata', src: bare.href });
        player.setAttribute('aria-label', `Recording of ${hit.title}`);
        player.addEventListener('loadedmetadata', () => { player.currentTime = hit.start; }, { once: true });
        box.append(player, el('p', { className: 'help' }, el('a', { href: url.href, rel: 'noopener noreferrer', target: '_blank' }, `Open the recording at ${hit.timecode}`)));
      }

      function seek(seconds) {
        const player = $('#player video, #player audio');
        if (!player) return;
        player.currentTime = seconds;
        player.play().catch(() => {});
      }

      function renderTranscript(shown, hit) {
        const list = $('#transcript');
        list.replaceChildren();
        const here = shown.current - shown.first;
        let question = -1;
        for (let k = here - 1; k >= 0; k--) {
          const cue = shown.cues[k];
          if (cue.role === 'interviewer' || (question < 0 && cue.speaker !== hit.speaker)) { question = k; if (cue.role === 'interviewer') break; }
        }
        shown.cues.forEach((cue, k) => {
          const time = el('button', { type: 'button', className: 'tc', ariaLabel: `Play from ${timecode(cue.start)}` }, timecode(cue.start));
          time.addEventListener('click', () => seek(cue.start));
          const item = el('li', {}, time, k === question ? el('span', { className: 'label' }, 'Question') : '',
            el('strong', {}, who(cue.speaker, cue.role) + ': '), cue.text);
          if (k === question) item.className = 'question';
          if (k === here) item.setAttribute('aria-current', 'true');
          list.append(item);
        });
        const now = list.querySelector('[aria-current=true]');
        if (now) list.scrollTop = Math.max(0, now.offsetTop - list.offsetTop - list.clientHeight / 3);   // the list scrolls, not the page
      }

      /** "Name (role)", without a role that only repeats the name. */
      function who(speaker, role) {
        const name = speaker || 'Unknown speaker';
        return role && role.toLowerCase() !== name.toLowerCase() ? `${name} (${role})` : name;
      }

      function timecode(seconds) {
        const ms = Math.round(seconds * 1000);
        const pad = (n, w) => String(n).padStart(w, '0');
        return `${pad(Math.floor(ms / 3600000), 2)}:${pad(Math.floor(ms / 60000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}`;
      }

      function closeDetail(updateURL) {
        $('#detail').hidden = true;
        $('#player').replaceChildren();
        if (updateURL !== false && state.open !== null) { state.open = null; go(false); }
        if (updateURL !== false && current >= 0) focusHit(current);
      }

      // MARK: the basket of selects

      function loadBasket() {
        try { const b = JSON.parse(localStorage.getItem('soundbite.selects') || '[]'); return Array.isArray(b) ? b : []; } catch (error) { return []; }
      }

      function saveBasket() {
        try { localStorage.setItem('soundbite.selects', JSON.stringify(basket)); } catch (error) { /* private mode: kept for this page only */ }
      }

      const key = (hit) => `${hit.interview}@${hit.start}-${hit.end}`;
      const inBasket = (hit) => basket.some((b) => key(b) === key(hit));

      function addSelect(hit) {
        if (!inBasket(hit)) basket.push(hit);
        saveBasket();
        renderBasket();
        refreshAddButtons();
        $('#basket-status').textContent = `Added ${hit.speaker || 'a quote'} at ${hit.timecode}; ${basket.length} in selects.`;
      }

      /** Each hit's add button says whether the hit is in the selects. */
      function refreshAddButtons() {
        if (!results) return;
        results.hits.forEach((hit, i) => {
          const button = document.querySelector(`#hit-${i} .add`);
          if (button) button.textContent = inBasket(hit) ? 'In selects' : 'Add to selects';
        });
      }

      function renderBasket() {
        const list = $('#basket-list');
        list.replaceChildren();
        basket.forEach((hit, i) => {
          const remove = el('button', { type: 'button', ariaLabel: `Remove ${hit.speaker} at ${hit.timecode} from the selects` }, 'Remove');
          remove.addEventListener('click', () => { basket.splice(i, 1); saveBasket(); renderBasket(); refreshAddButtons(); });
          const words = hit.text.length > 90 ? hit.text.slice(0, 90) + '…' : hit.text;
          list.append(el('li', {}, el('strong', {}, `${hit.title} ${hit.timecode}`), ' — ', `${hit.speaker || 'Unknown'}: ${words}`, remove));
        });
        $('#basket-count').textContent = String(basket.length);
        $('#basket-empty').hidden = basket.length > 0;
        document.querySelectorAll('#exports button').forEach((b) => { b.disabled = basket.length === 0; });
      }

      async function exportSelects(format) {
        const status = $('#basket-status');
        status.textContent = 'Exporting…';
        try {
          const response = await api('/api/selects?format=' + format, {
            method: 'POST', body: basket.map((hit) => JSON.stringify(hit)).join('\n'), headers: { 'Content-Type': 'application/x-ndjson' } });
          if (!response.ok) { status.textContent = (await response.json()).error || 'The export failed.'; return; }
          const blob = await response.blob();
          const link = el('a', { href: URL.createObjectURL(blob), download: 'selects.' + format });
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(link.href), 10000);
          status.textContent = `Exported ${basket.length} select${basket.length === 1 ? '' : 's'} as ${format.toUpperCase()}.`;
        } catch (error) { status.textContent = 'No answer: ' + error.message; }
      }

      // MARK: wiring

      function start() {
        $('#search').addEventListener('submit', (event) => {
          event.preventDefault();
          state.q = $('#q').value;
          state.offset = 0;
          state.open = null;
          go(true);
          run();
        });
        $('#token-form').addEventListener('submit', (event) => {
          event.preventDefault();
          sessionStorage.setItem('soundbite.token', $('#token').value);
          $('#token-form').hidden = true;
          run();
        });
        $('#prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); state.open = null; go(true); run(); });
        $('#next').addEventListener('click', () => { state.offset += PAGE; state.open = null; go(true); run(); });
        $('#detail-close').addEventListener('click', () => closeDetail());
        for (const button of document.querySelectorAll('#exports button[data-format]')) {
          if (FORMATS.includes(button.dataset.format)) button.addEventListener('click', () => exportSelects(button.dataset.format));
        }
        $('#basket-clear').addEventListener('click', () => { basket = []; saveBasket(); renderBasket(); refreshAddButtons(); });
        document.addEventListener('keydown', (event) => {
          if (event.ctrlKey || event.metaKey || event.altKey) return;
          const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
          if (event.key === 'Escape') { if (!$('#detail').hidden) closeDetail(); else if (typing) event.target.blur(); return; }
          if (typing) return;
          if (event.key === '/') { event.preventDefault(); $('#q').focus(); $('#q').select(); }
          else if (event.key === 'j') { event.preventDefault(); focusHit(current + 1); }
          else if (event.key === 'k') { event.preventDefault(); focusHit(current - 1); }
          else if (event.key === 'Enter' && event.target.classList && event.target.classList.contains('hit')) { event.preventDefault(); openHit(current, true); }
          else if (event.key === 'a' && results && results.hits[current]) { event.preventDefault(); addSelect(results.hits[current]); }
        });
        window.addEventListener('popstate', () => { readURL(); run(); });
        readURL();
        renderBasket();
        run();
      }

      start();
    })();
    """#
}
