// Dateline search page: talks to /api/search, /api/suggest, /api/article, /api/schema and
// /healthz on the same server. Entity pages (?entity=person:NAME) are entity.js's.
//
// The whole search lives in the address bar (q, filters, since, until, sort, offset, and the
// open article), so a search or an article can be shared and Back/Forward move through earlier
// ones: every change pushes a new URL, and rendering always starts from the URL.
//
// Filters: NAME=V (must hold), any_NAME=V (one of the field's values must hold) and not_NAME=V
// (must not), for the filter fields /api/schema reports. The page knows no field by name: the
// filters, facets, labels and completions all come from the schema the server sends.
//
// Text from the index is only ever inserted with textContent. The one exception is the snippet,
// which Xapian HTML-escapes and marks with <b>: it is parsed into an inert document and rebuilt
// from its text and <b> elements only.
'use strict';

const PAGE_SIZE = 10;
const MAX_OFFSET = 10000;
const FACET_SHOWN = 5;      // values shown before "Show more"
const FACET_FETCHED = 20;   // values asked for per facet
const MODES = { all: '', any: 'any_', not: 'not_' };

const $ = (id) => document.getElementById(id);

function element(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') el.textContent = value;
    else if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value);
  }
  for (const child of children) el.append(child);
  return el;
}

const plural = (n, one, many) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const articles = (n) => plural(n, 'article', 'articles');
const sameValue = (a, b) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
const fieldLabel = (name, many = false) => {
  const f = schemaFields.find((field) => field.name === name);
  return f ? (many ? f.plural : f.label) : name;
};

// ---- What the server reports about itself ---------------------------------------------------

// The schema's fields (GET /api/schema): [{name: "person", json: "people", label: "Person",
// plural: "People", facet: "people", filter: true, complete: true, ...}, ...].
let schemaFields = [];
// Those a search can filter on (NAME=, any_NAME=, not_NAME=).
let fields = [];
let indexInfo = {};

async function loadServerInfo() {
  const get = async (path) => {
    try {
      const response = await fetch(path);
      return response.ok ? response.json() : {};
    } catch {
      return {};  // the page still searches; it only lacks some help
    }
  };
  const [schema, health] = await Promise.all([get('api/schema'), get('healthz')]);
  schemaFields = schema.fields || [];
  fields = schemaFields.filter((f) => f.filter);
  indexInfo = health;
  showIndexSpan();
}

const filterNames = () => fields.map((f) => f.name);
const fieldOfFacet = (facet) => schemaFields.find((f) => f.facet === facet);
// Every facet the schema has: the page counts them all, not only the API's default ones.
const facetNames = () => schemaFields.filter((f) => f.facet).map((f) => f.facet);

function showIndexSpan() {
  const first = indexInfo.first_date;
  const last = indexInfo.last_date;
  if (!first || !last) return;
  // The syntax hint's example dates come from the index itself.
  const month = last.slice(0, 7);
  $('syntax-hint').textContent = `Words, "exact phrases", OR, NOT, field:word (person, org, place, source, title), date:${month}-01..${last}`;
  $('intro-span').textContent = `${articles(indexInfo.documents || 0)}, dated ${first} to ${last}.`;
}

// ---- The search as held in the URL -------------------------------------------------------

function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get('q') || '',
    since: params.get('since') || '',
    until: params.get('until') || '',
    // An entity page (entity.js) lists its latest stories first.
    sort: params.get('sort') || (params.get('entity') ? 'newest' : 'relevance'),
    offset: Math.min(Math.max(parseInt(params.get('offset') || '0', 10) || 0, 0), MAX_OFFSET),
    article: params.get('article') || '',
    like: params.get('like') || '',  // more like this: the id of the article the results are like
    entity: params.get('entity') || '',  // an entity page: "person:Paul Volcker" (entity.js)
    filters: [],  // [{name, value, mode: 'all' | 'any' | 'not'}]
  };
  for (const [key, value] of params) {
    if (!value) continue;
    for (const [mode, prefix] of Object.entries(MODES)) {
      const name = key.slice(prefix.length);
      if (key.startsWith(prefix) && filterNames().includes(name)) state.filters.push({ name, value, mode });
    }
  }
  return state;
}

function searchParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.like) params.set('like', state.like);
  for (const f of state.filters) params.append(MODES[f.mode] + f.name, f.value);
  if (state.since) params.set('since', state.since);
  if (state.until) params.set('until', state.until);
  if (state.sort && (state.sort !== 'relevance' || state.entity)) params.set('sort', state.sort);
  if (state.offset) params.set('offset', String(state.offset));
  return params;
}

function stateParams(state) {
  const params = searchParams(state);
  if (state.entity) params.set('entity', state.entity);
  if (state.article) params.set('article', state.article);
  return params;
}

const urlOf = (state) => {
  const query = stateParams(state).toString();
  return query ? `?${query}` : location.pathname;
};

function hasSomethingToSearch(state) {
  return state.q.trim() !== '' || state.like !== '' || state.entity !== '' || state.filters.some((f) => f.mode !== 'not') || state.since !== '' ||
    state.until !== '';
}

// Every user action goes through here: a history entry (none when nothing changed, or a
// replaced one when asked), then a render from the URL. `focus` moves focus and view to the
// "Results" heading once the new results are in.
let focusResultsAfterRender = false;

function navigate(change, { replace = false, focus = false } = {}) {
  const state = stateFromUrl();
  change(state);
  const url = urlOf(state);
  const current = location.search || location.pathname;
  if (url !== current) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  focusResultsAfterRender = focus;
  render();
}

// ---- Rendering a search ------------------------------------------------------------------

let searchGeneration = 0;
let renderedSearch = null;  // the search parameters the results on screen are for

async function render() {
  const state = stateFromUrl();
  renderArticle(state);
  const key = `${searchParams(state)}&entity=${state.entity}`;
  if (key === renderedSearch) return;  // only the article changed
  $('q').value = state.q;
  $('sort').value = state.sort;
  renderChips(state);
  closeSuggestions();
  if (!hasSomethingToSearch(state)) {
    renderedSearch = key;
    showIntro();
    return;
  }
  $('intro').hidden = true;
  const generation = ++searchGeneration;
  $('status').textContent = 'Searching…';
  document.body.setAttribute('aria-busy', 'true');
  const params = searchParams(state);
  params.set('limit', String(PAGE_SIZE));
  if (facetNames().length) params.set('facets', facetNames().join(','));
  params.set('facet_limit', String(FACET_FETCHED));
  params.set('timeline', 'auto');
  addEntityParams(state, params, true);
  const [reply, alternatives] = await Promise.all([getJson(`api/search?${params}`), alternativeCounts(state)]);
  if (generation !== searchGeneration) return;  // a newer search has started meanwhile
  document.body.removeAttribute('aria-busy');
  renderedSearch = key;
  if (!reply.ok) {
    showError(state, reply);
    return;
  }
  const body = reply.body;
  const lastOffset = lastPageOffset(body.total || 0);
  if (state.offset > lastOffset) {
    // Past the end (an old link, a hand-made address): the last page instead.
    renderedSearch = null;
    navigate((s) => { s.offset = lastOffset; }, { replace: true, focus: focusResultsAfterRender });
    return;
  }
  Object.assign(body.facets || {}, alternatives);
  $('error').hidden = true;
  $('filters-toggle').hidden = false;
  document.title = `${state.q || describeFilters(state)} — Dateline search`;
  renderResults(state, body);
  renderFacets(state, body.facets || {}, body.total || 0);
  renderDates(state, body.timeline, generation);
  renderPager(state, body);
  renderFeedLink(state, body);
  renderEntity(state, body);
  if (!(body.total > 0)) renderNoResults(state, body, generation);
  else $('no-results').hidden = true;
  if (focusResultsAfterRender) {
    focusResultsAfterRender = false;
    closeFilterPanel(false);
    $('results-heading').focus();
    $('results-heading').scrollIntoView({ block: 'start' });
  }
}

// A facet whose values are alternatives (any_NAME) counts what each value would add: its counts
// come from the same search without that field's alternatives. {facet name: values}
async function alternativeCounts(state) {
  const out = {};
  const names = [...new Set(state.filters.filter((f) => f.mode === 'any').map((f) => f.name))];
  await Promise.all(names.map(async (name) => {
    const field = fields.find((f) => f.name === name);
    const others = { ...state, offset: 0, filters: state.filters.filter((f) => !(f.name === name && f.mode === 'any')) };
    if (!field || !hasSomethingToSearch(others)) return;
    const params = searchParams(others);
    params.set('limit', '1');
    params.set('facets', field.facet);
    params.set('facet_limit', String(FACET_FETCHED));
    addEntityParams(others, params, false);
    const reply = await getJson(`api/search?${params}`);
    if (reply.ok && reply.body.facets) out[field.facet] = reply.body.facets[field.facet] || [];
  }));
  return out;
}

async function getJson(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    return { ok: response.ok, status: response.status, body: await response.json() };
  } catch (error) {
    return { ok: false, status: 0, body: { error: { message: `The server cannot be reached (${error.message}).` } } };
  }
}

function describeFilters(state) {
  const parts = state.filters.filter((f) => f.mode !== 'not').map((f) => f.value);
  if (state.since || state.until) parts.push(dateRangeLabel(state));
  return parts.join(', ') || 'Search';
}

// "Follow": the same search as an Atom feed of the stories added to the index last
// (/api/feed), for a feed reader; also announced in the head, where readers look for it.
function renderFeedLink(state, body) {
  const link = $('feed-link');
  const alternate = document.getElementById('feed-alternate');
  if (!(body.total > 0)) {
    link.hidden = true;
    if (alternate) alternate.remove();
    return;
  }
  const params = searchParams({ ...state, offset: 0, sort: 'relevance', entity: '' });
  addEntityParams(state, params, false);
  const href = `api/feed?${params}`;
  link.href = href;
  link.hidden = false;
  const head = alternate || document.head.appendChild(element('link', { id: 'feed-alternate', rel: 'alternate', type: 'application/atom+xml' }));
  head.href = href;
  head.title = `Dateline: ${state.q || describeFilters(state)}`;
}

function clearResults() {
  renderEntity({ entity: '' }, null);
  $('feed-link').hidden = true;
  $('result-list').replaceChildren();
  $('did-you-mean').hidden = true;
  $('refine').hidden = true;
  $('filters-toggle').hidden = true;
  $('pager').hidden = true;
  $('no-results').hidden = true;
  $('results-heading').hidden = true;
}

function showIntro() {
  searchGeneration++;
  clearResults();
  $('intro').hidden = false;
  $('status').textContent = '';
  $('error').hidden = true;
  document.title = 'Dateline — news archive search';
  document.body.removeAttribute('aria-busy');
}

// The API gives the position of a query error in bytes of UTF-8; the caret counts characters.
function characterOffset(text, bytes) {
  const encoder = new TextEncoder();
  let used = 0;
  let chars = 0;
  for (const ch of text) {
    if (used >= bytes) break;
    used += encoder.encode(ch).length;
    chars += ch.length;
  }
  return chars;
}

function showError(state, reply) {
  clearResults();
  const box = $('error');
  const error = (reply.body && reply.body.error) || {};
  box.replaceChildren(element('p', { text: error.message || `The search failed (HTTP ${reply.status}).` }));
  if (typeof error.position === 'number' && state.q) {
    // Point at the problem in the query, as the terminal does.
    const at = characterOffset(state.q, error.position);
    box.append(element('pre', { class: 'caret' }, [
      document.createTextNode(`${state.q}\n${' '.repeat(at)}`), element('span', { class: 'caret-mark', text: '^' }),
    ]));
  }
  box.hidden = false;
  $('status').textContent = '';
  document.title = 'Query error — Dateline search';
}

function formatDate(iso) {
  return iso ? iso.slice(0, 10) : 'undated';
}

function lastPageOffset(total) {
  const reachable = Math.min(total, MAX_OFFSET + PAGE_SIZE);
  return Math.max(0, Math.floor((reachable - 1) / PAGE_SIZE) * PAGE_SIZE);
}

function articleUrl(id) {
  const state = stateFromUrl();
  state.article = id;
  return urlOf(state);
}

function renderResults(state, body) {
  const total = body.total || 0;
  const counted = body.total_exact === false ? 'about ' : '';
  const first = total ? state.offset + 1 : 0;
  const last = state.offset + (body.results || []).length;
  // The searcher falls back to articles with some of the words when none has them all.
  const some = body.matched === 'some' ? 'No article has all the words; these have some. ' : '';
  // Copies of one story are one result: the count says so when there were any.
  const found = body.total_articles > total ? `${plural(total, 'story', 'stories')} in ${articles(body.total_articles)}` : articles(total);
  // Shards that did not answer: the counts are of the others only, and the reader should know.
  const missing = (body.missing_shards || []).length
    ? ` (${plural(body.missing_shards.length, 'shard', 'shards')} not reachable, not searched: ${body.missing_shards.join(', ')})`
    : '';
  $('status').textContent = (total ? `${some}${counted}${found}; showing ${first}–${last}` : 'No articles match.') + missing;
  $('refine-close').textContent = total ? `Show ${counted}${articles(total)}` : 'Show results';
  $('results-heading').hidden = false;
  const list = $('result-list');
  list.replaceChildren();
  const didYouMean = total ? didYouMeanLine(state, body) : null;
  $('did-you-mean').replaceChildren(...(didYouMean ? [didYouMean] : []));
  $('did-you-mean').hidden = !didYouMean;
  for (const result of body.results || []) {
    const meta = element('p', { class: 'meta' }, [
      element('time', { datetime: result.date || '', text: formatDate(result.date) }),
    ]);
    if (result.source) meta.append(element('span', { class: 'source', text: result.source }));
    const link = element('a', { href: articleUrl(result.id) });
    // A headline with the search words marked, when the searcher gives one (<b> kept only).
    if (result.title_html) appendSnippet(link, result.title_html);
    else link.textContent = result.title || '(no headline)';
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;  // a new tab
      event.preventDefault();
      openedHere = true;
      navigate((s) => { s.article = result.id; });
    });
    const item = element('li', {}, [meta, element('h3', { class: 'headline' }, [link])]);
    const snippet = element('p', { class: 'snippet' });
    appendSnippet(snippet, result.snippet || '');
    item.append(snippet);
    const names = [...(result.people || []), ...(result.organizations || [])].slice(0, 6);
    if (names.length) item.append(element('p', { class: 'entities', text: names.join(' · ') }));
    if (result.copy_count) item.append(copiesList(result));
    list.append(item);
  }
}

// The other runs of a result's story (copies: the same text, edited a little), folded under a
// line that counts them: where and when each ran, each a link to it.
function copiesList(result) {
  const listed = (result.copies || []).map((copy) => {
    const link = element('a', { href: articleUrl(copy.id), text: copy.source || copy.title || copy.id });
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      openedHere = true;
      navigate((s) => { s.article = copy.id; });
    });
    return element('li', {}, [link, ` ${formatDate(copy.date)}`]);
  });
  const more = result.copy_count - listed.length;
  if (more > 0) listed.push(element('li', { text: `and ${plural(more, 'more', 'more')}` }));
  return element('details', { class: 'copies' }, [
    element('summary', { text: `Also ran ${plural(result.copy_count, 'more time', 'more times')}` }),
    element('ul', {}, listed),
  ]);
}

// Rebuilds Xapian's snippet from its text and <b> marks only; anything else becomes plain text.
function appendSnippet(target, html) {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  for (const node of doc.body.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === 'B') {
      target.append(element('b', { text: node.textContent }));
    } else {
      target.append(document.createTextNode(node.textContent));
    }
  }
}

// ---- No results: where to go from here ----------------------------------------------------

function queryWords(q) {
  const words = [];
  for (const match of q.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const word = (match[1] !== undefined ? match[1] : match[2]).trim();
    if (!word || /^(AND|OR|NOT|NEAR|XOR)$/.test(word) || /^[-+]/.test(word)) continue;
    words.push(word.replace(/^\w+:/, '').replace(/[()]/g, ''));
  }
  return words.filter(Boolean);
}

// "Did you mean ...?" when the searcher offers a spelling ({"suggestion": {"query": ...}}), as a
// link to that search; null when it offers none.
function didYouMeanLine(state, body) {
  const fixed = body.suggestion && typeof body.suggestion.query === 'string' ? body.suggestion.query : '';
  if (!fixed || fixed === state.q) return null;
  const link = element('a', { href: urlOf({ ...state, q: fixed, offset: 0, article: '' }), text: fixed });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate((s) => { s.q = fixed; s.offset = 0; }, { focus: true });
  });
  return element('p', { class: 'did-you-mean' }, [document.createTextNode('Did you mean '), link, document.createTextNode('?')]);
}

async function renderNoResults(state, body, generation) {
  const box = $('no-results-body');
  box.replaceChildren();
  $('no-results').hidden = false;
  const didYouMean = didYouMeanLine(state, body);
  if (didYouMean) box.append(didYouMean);
  if (state.filters.length || state.since || state.until) {
    const list = element('ul', { class: 'remove-list' });
    for (const chip of chipsOf(state)) {
      list.append(element('li', {}, [element('button', { type: 'button', text: `Remove ${chip.label}`, onclick: chip.remove })]));
    }
    box.append(element('p', { text: 'Without a filter there may be more:' }), list);
  }
  const words = [...new Set(queryWords(state.q))].slice(0, 8);
  if (words.length > 1 || (words.length === 1 && (state.filters.length || state.since || state.until))) {
    const counts = await Promise.all(words.map(async (word) => {
      const reply = await getJson(`api/search?${new URLSearchParams({ q: /\s/.test(word) ? `"${word}"` : word, limit: '1', facets: 'none' })}`);
      return { word, total: reply.ok ? reply.body.total : null };
    }));
    if (generation !== searchGeneration) return;
    const list = element('ul', { class: 'word-counts' });
    for (const { word, total } of counts) {
      if (total === null) continue;
      const item = element('li');
      if (total > 0) {
        const link = element('a', { href: urlOf({ ...state, q: word, offset: 0, article: '' }), text: word });
        link.addEventListener('click', (event) => {
          event.preventDefault();
          navigate((s) => { s.q = word; s.offset = 0; }, { focus: true });
        });
        item.append(link, document.createTextNode(`: ${articles(total)} in the whole archive`));
      } else {
        item.append(document.createTextNode(`${word}: in no article`));
      }
      list.append(item);
    }
    box.append(element('p', { text: 'Each word alone:' }), list);
  }
}

// ---- Filters: chips and facets ------------------------------------------------------------

function dateRangeLabel(state) {
  if (state.since && state.until) return state.since === state.until ? state.since : `${state.since} to ${state.until}`;
  return state.since ? `from ${state.since}` : `until ${state.until}`;
}

function filterLabel(f) {
  const mode = f.mode === 'not' ? 'not ' : f.mode === 'any' ? 'any of ' : '';
  return `${fieldLabel(f.name)}: ${mode}${f.value}`;
}

// Each active filter with its label and what removes it.
function chipsOf(state) {
  const chips = state.filters.map((f, index) => ({
    label: filterLabel(f),
    remove: () => navigate((s) => {
      s.filters.splice(index, 1);
      s.offset = 0;
    }, { focus: true }),
  }));
  if (state.like) {
    chips.push({
      label: `Like article ${state.like}`,
      remove: () => navigate((s) => {
        s.like = '';
        s.offset = 0;
      }, { focus: true }),
    });
  }
  if (state.since || state.until) {
    chips.push({
      label: `Date: ${dateRangeLabel(state)}`,
      remove: () => navigate((s) => {
        s.since = '';
        s.until = '';
        s.offset = 0;
      }, { focus: true }),
    });
  }
  return chips;
}

function renderChips(state) {
  const chips = $('chips');
  chips.replaceChildren();
  for (const chip of chipsOf(state)) {
    const button = element('button', { type: 'button', 'aria-label': `Remove filter ${chip.label}`, text: '×', onclick: chip.remove });
    chips.append(element('li', { class: 'chip' }, [element('span', { text: chip.label }), button]));
  }
  $('chips-bar').hidden = chips.childElementCount === 0;
  $('clear-all').hidden = chips.childElementCount < 2;
  const n = chips.childElementCount;
  $('filters-toggle').textContent = n ? `Filters (${n})` : 'Filters';
}

// Facet values keep the order they were first shown in while the query stays the same, so a
// second click never lands on another value.
let facetOrder = { query: null, values: {} };
// Facets whose "Show more" was opened, and what was typed in their search boxes.
const facetExpanded = new Set();

function orderedValues(state, facet, values) {
  if (facetOrder.query !== state.q) facetOrder = { query: state.q, values: {} };
  const known = facetOrder.values[facet] || [];
  const position = new Map(known.map((v, i) => [v.toLocaleLowerCase(), i]));
  const sorted = [...values].sort((a, b) => {
    const pa = position.get(a.value.toLocaleLowerCase());
    const pb = position.get(b.value.toLocaleLowerCase());
    if (pa !== undefined && pb !== undefined) return pa - pb;
    if (pa !== undefined) return -1;
    if (pb !== undefined) return 1;
    return b.count - a.count || a.value.localeCompare(b.value);
  });
  facetOrder.values[facet] = [...known, ...sorted.map((v) => v.value).filter((v) => !position.has(v.toLocaleLowerCase()))];
  return sorted;
}

function modeOf(state, name) {
  return state.filters.some((f) => f.name === name && f.mode === 'any') ? 'any' : 'all';
}

function renderFacets(state, facets, total) {
  const box = $('facets');
  box.replaceChildren();
  for (const [facetName, rawValues] of Object.entries(facets)) {
    // A facet that is not a filter is the years': a span of dates (since/until).
    const field = fieldOfFacet(facetName);
    if (!field || !rawValues.length) continue;
    const isYear = !field.filter;
    const mode = modeOf(state, field.name);
    const active = (value) => state.filters.find((f) => f.name === field.name && f.mode !== 'not' && sameValue(f.value, value));
    // Active values stay listed even when the results no longer count them.
    const values = orderedValues(state, facetName, rawValues);
    for (const f of state.filters) {
      if (f.name === field.name && f.mode !== 'not' && !values.some((v) => sameValue(v.value, f.value))) values.unshift({ value: f.value, count: 0 });
    }
    const headingId = `facet-${facetName}`;
    const list = element('ul');
    const expanded = facetExpanded.has(facetName);
    values.forEach(({ value, count }, index) => {
      const on = isYear ? state.since === value && state.until === value : Boolean(active(value));
      const narrows = count < total;
      const button = element('button', {
        type: 'button',
        class: 'facet-value',
        'aria-pressed': String(on),
        onclick: () => navigate((s) => toggleFacet(s, field.name, value, on, isYear), { focus: true }),
      }, facetValueContent(value, count, narrows || on ? '' : ', in every result'));
      if (!narrows && !on) {
        button.classList.add('not-narrowing');
        button.title = 'In every result: choosing it does not narrow them';
      }
      const item = element('li', {}, [button]);
      if (!isYear) {
        item.append(element('button', {
          type: 'button',
          class: 'exclude',
          'aria-label': `Exclude ${value}`,
          title: `Exclude ${value}`,
          text: '−',
          onclick: () => navigate((s) => excludeValue(s, field.name, value), { focus: true }),
        }));
      }
      if (!isYear) item.append(...entityLinks(field, value));
      if (index >= FACET_SHOWN && !expanded && !on) item.hidden = true;
      list.append(item);
    });
    const section = element('section', { class: 'facet', 'aria-labelledby': headingId }, [
      element('h3', { id: headingId, text: fieldLabel(field.name, true) }),
    ]);
    if (!isYear) {
      const anyOf = element('button', {
        type: 'button',
        class: 'mode',
        'aria-pressed': String(mode === 'any'),
        text: mode === 'any' ? 'Matching any chosen' : 'Matching all chosen',
        title: 'Switch between articles with all the chosen values and articles with any of them',
        onclick: () => navigate((s) => switchMode(s, field.name), { focus: true }),
      });
      if (state.filters.filter((f) => f.name === field.name && f.mode !== 'not').length) section.append(anyOf);
    }
    section.append(list);
    if (values.length > FACET_SHOWN) {
      section.append(element('button', {
        type: 'button',
        class: 'link-button more',
        'aria-expanded': String(expanded),
        text: expanded ? 'Show fewer' : `Show more (${values.length - FACET_SHOWN})`,
        onclick: (event) => {
          if (expanded) facetExpanded.delete(facetName);
          else facetExpanded.add(facetName);
          renderFacets(stateFromUrl(), facets, total);
          const again = $(headingId)?.closest('section')?.querySelector('.more');
          if (again) again.focus();
          event.preventDefault();
        },
      }));
    }
    if (!isYear) section.append(facetSearch(field, facetName));
    box.append(section);
  }
  $('refine').hidden = false;
}

// A facet value reads as "Iran, 8 articles": the words between the value and its count are
// there for screen readers only.
function facetValueContent(value, count, note) {
  return [
    element('span', { class: 'value' }, [document.createTextNode(value), element('span', { class: 'unseen', text: ',' })]),
    element('span', { class: 'count' }, [
      document.createTextNode(count.toLocaleString()),
      element('span', { class: 'visually-hidden', text: ` ${count === 1 ? 'article' : 'articles'}${note}` }),
    ]),
  ];
}

// A box that finds a facet's values in the whole index (through /api/suggest), beyond the
// values the current results count.
function facetSearch(field, facetName) {
  const id = `facet-search-${facetName}`;
  const input = element('input', { type: 'search', id, autocomplete: 'off', spellcheck: 'false', placeholder: `Find ${fieldLabel(field.name, true).toLowerCase()}` });
  const found = element('ul', { class: 'facet-found', 'aria-live': 'polite' });
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const prefix = input.value.trim();
      found.replaceChildren();
      if (prefix.length < 2) return;
      const reply = await getJson(`api/suggest?${new URLSearchParams({ prefix, field: field.name, limit: '8' })}`);
      if (!reply.ok || input.value.trim() !== prefix) return;
      for (const s of reply.body.suggestions || []) {
        found.append(element('li', {}, [element('button', {
          type: 'button',
          class: 'facet-value',
          onclick: () => navigate((st) => toggleFacet(st, field.name, s.value, false, false), { focus: true }),
        }, facetValueContent(s.value, s.count, ' in the archive'))]));
      }
      if (!found.childElementCount) found.append(element('li', { class: 'hint', text: 'None found' }));
    }, 150);
  });
  return element('div', { class: 'facet-search' }, [
    element('label', { for: id, class: 'visually-hidden', text: `Find ${fieldLabel(field.name, true).toLowerCase()}` }),
    input, found,
  ]);
}

function toggleFacet(state, name, value, on, isYear) {
  state.offset = 0;
  if (isYear) {  // a year narrows the dates
    state.since = on ? '' : value;
    state.until = on ? '' : value;
    return;
  }
  state.filters = state.filters.filter((f) => !(f.name === name && sameValue(f.value, value)));
  if (!on) state.filters.push({ name, value, mode: modeOf(state, name) });
}

function excludeValue(state, name, value) {
  state.offset = 0;
  state.filters = state.filters.filter((f) => !(f.name === name && sameValue(f.value, value)));
  state.filters.push({ name, value, mode: 'not' });
}

function switchMode(state, name) {
  const next = modeOf(state, name) === 'any' ? 'all' : 'any';
  state.offset = 0;
  for (const f of state.filters) if (f.name === name && f.mode !== 'not') f.mode = next;
}

// ---- Dates: inputs, presets and the timeline ----------------------------------------------

const isoDay = (d) => d.toISOString().slice(0, 10);

function presets() {
  const today = new Date();
  const daysAgo = (n) => isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n)));
  const year = today.getUTCFullYear();
  const list = [
    ['Last 7 days', daysAgo(6), isoDay(today)],
    ['Last 30 days', daysAgo(29), isoDay(today)],
    ['This year', String(year), String(year)],
    ['This decade', String(year - (year % 10)), String(year)],
  ];
  // The archive's own newest stretch, for archives of the past.
  if (indexInfo.last_date && indexInfo.last_date < daysAgo(30)) {
    const last = indexInfo.last_date;
    list.push([`Newest month (${last.slice(0, 7)})`, last.slice(0, 7), last.slice(0, 7)]);
  }
  return list;
}

function renderPresets() {
  const box = $('presets');
  if (box.childElementCount) return;
  for (const [label, since, until] of presets()) {
    box.append(element('button', {
      type: 'button',
      class: 'preset',
      text: label,
      onclick: () => narrowTo(since, until),
    }));
  }
}

// Full dates for the date inputs: a year or month bound becomes its first or last day.
function boundDay(value, end) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) {
    if (!end) return `${value}-01`;
    const [y, m] = value.split('-').map(Number);
    return isoDay(new Date(Date.UTC(y, m, 0)));
  }
  if (/^\d{4}$/.test(value)) return end ? `${value}-12-31` : `${value}-01-01`;
  return '';
}

function renderDates(state, timeline, generation) {
  renderPresets();
  $('date-from').value = boundDay(state.since, false);
  $('date-to').value = boundDay(state.until, true);
  if (!state.since && !state.until) {
    renderTimeline(state, timeline);
    return;
  }
  // The whole span stays in view with the chosen range marked: its timeline comes from the
  // same search without the dates.
  const params = searchParams({ ...state, since: '', until: '', offset: 0 });
  addEntityParams(state, params, false);
  params.set('limit', '1');
  params.set('facets', 'none');
  params.set('timeline', 'auto');
  getJson(`api/search?${params}`).then((reply) => {
    if (generation !== searchGeneration) return;
    renderTimeline(state, reply.ok ? reply.body.timeline : timeline);
  });
}

// The server's periods (every one of the span, gaps included) as bars: {label, since, until,
// count, all}. A week is chosen by its days, a day, month or year by its own name.
function timelineBuckets(timeline) {
  return ((timeline && timeline.periods) || []).map((p) => (timeline.unit === 'week'
    ? { label: `week of ${p.from}`, since: p.from, until: p.to, count: p.count, all: p.all }
    : { label: p.period, since: p.period, until: p.period, count: p.count, all: p.all }));
}

// Merges neighbouring buckets until they fit: days into weeks (from Monday), then days or weeks
// into months, months into years. Counts and all articles add up, so shares stay true.
function groupBuckets(buckets, unit, maxBars) {
  const group = (keyOf, labelOf) => {
    const out = [];
    for (const b of buckets) {
      const key = keyOf(b.since);
      const lastBucket = out[out.length - 1];
      if (lastBucket && lastBucket.key === key) {
        lastBucket.count += b.count;
        lastBucket.all += b.all;
        lastBucket.until = b.until;
      } else {
        out.push({ key, label: labelOf(b.since), since: b.since, until: b.until, count: b.count, all: b.all });
      }
    }
    return out;
  };
  if (buckets.length <= maxBars) return { buckets, unit };
  if (unit === 'week') {
    buckets = group((v) => v.slice(0, 7), (v) => v.slice(0, 7)).map((b) => ({ ...b, since: b.key, until: b.key }));
    unit = 'month';
    if (buckets.length <= maxBars) return { buckets, unit };
  } else if (unit === 'day') {
    const monday = (value) => {
      const d = new Date(`${value}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return isoDay(d);
    };
    const weeks = group(monday, (value) => `week of ${monday(value)}`);
    if (weeks.length <= maxBars) return { buckets: weeks, unit: 'week' };
    buckets = group((v) => v.slice(0, 7), (v) => v.slice(0, 7)).map((b) => ({ ...b, since: b.key, until: b.key }));
    unit = 'month';
    if (buckets.length <= maxBars) return { buckets, unit };
  }
  const years = group((v) => v.slice(0, 4), (v) => v.slice(0, 4)).map((b) => ({ ...b, since: b.key, until: b.key }));
  return { buckets: years, unit: 'year' };
}

let timelineDrag = null;  // {start, end} bucket indexes while a span is being chosen
let timelineShown = null;  // [state, timeline] of the timeline on screen, for the Count/Share switch
let timelineMode = 'count';  // 'count': matches per period; 'share': of all articles in it

function setTimelineMode(mode) {
  timelineMode = mode;
  if (timelineShown) renderTimeline(...timelineShown);
}

const percent = (share) => `${(share * 100).toFixed(share >= 0.1 ? 0 : 1)}%`;

// A bar's words: its matches, and their share of all articles then; or that there were none.
function bucketLabel(bucket) {
  if (!bucket.all) return `${bucket.label}: no articles in the index`;
  const share = `${percent(bucket.count / bucket.all)} of ${bucket.all.toLocaleString()}`;
  return timelineMode === 'share' ? `${bucket.label}: ${share} (${articles(bucket.count)})` : `${bucket.label}: ${articles(bucket.count)} (${share})`;
}

function renderTimeline(state, data) {
  timelineShown = [state, data];
  const section = $('timeline-section');
  const timeline = $('timeline');
  timeline.replaceChildren();
  for (const mode of ['count', 'share']) $(`timeline-${mode}`).setAttribute('aria-pressed', String(mode === timelineMode));
  // A bar needs 4 px and a gap of 2 to be seen and hit: at most that many bars fit.
  const width = Math.max(timeline.clientWidth || Math.min(window.innerWidth - 48, 320), 120);
  const { buckets, unit } = groupBuckets(timelineBuckets(data), data ? data.unit : 'day', Math.floor(width / 6));
  if (buckets.length < 2) {
    section.hidden = true;
    return;
  }
  // Each bar's value: its matches, or their share of all articles in its period; a period without
  // any article is a gap, drawn apart from the bars.
  const value = (b) => (timelineMode === 'share' ? (b.all ? b.count / b.all : 0) : b.count);
  const max = Math.max(...buckets.map(value), timelineMode === 'share' ? 0 : 1);
  const chosen = (b) => (state.since || state.until) && (!state.since || boundDay(b.until, true) >= boundDay(state.since, false)) &&
    (!state.until || boundDay(b.since, false) <= boundDay(state.until, true));
  buckets.forEach((bucket, index) => {
    const bar = element('span', { class: 'bar' });
    bar.style.height = bucket.all ? `${Math.max(max ? (value(bucket) / max) * 100 : 0, bucket.count ? 4 : 1)}%` : '100%';
    const label = bucketLabel(bucket);
    const button = element('button', {
      type: 'button',
      class: `${bucket.count ? '' : 'empty'}${bucket.all ? '' : ' gap'}${chosen(bucket) ? ' active' : ''}`,
      'aria-label': label,
      'aria-pressed': String(Boolean(chosen(bucket))),
      title: label,
      tabindex: '-1',
    }, [bar]);
    button.dataset.index = String(index);
    timeline.append(button);
  });
  const firstChosen = buckets.findIndex(chosen);
  const lastChosen = firstChosen < 0 ? -1 : buckets.length - 1 - [...buckets].reverse().findIndex(chosen);
  timeline.children[Math.max(firstChosen, 0)].tabIndex = 0;
  // The ends of the chosen range are its handles: a drag or Shift+arrow from one moves that end.
  if (firstChosen >= 0) {
    timeline.children[firstChosen].classList.add('edge-start');
    timeline.children[lastChosen].classList.add('edge-end');
  }
  const anchorFor = (index) => (index === firstChosen ? lastChosen : index === lastChosen ? firstChosen : index);
  const choose = (a, b) => narrowTo(buckets[Math.min(a, b)].since, buckets[Math.max(a, b)].until);
  timeline.onpointerdown = (event) => {
    const index = barIndex(event);
    if (index === null || event.button !== 0) return;
    event.preventDefault();
    timelineDrag = { start: anchorFor(index), end: index };
    timeline.setPointerCapture(event.pointerId);
    markDrag();
  };
  timeline.onpointermove = (event) => {
    if (!timelineDrag) return;
    const index = barIndexAt(event.clientX);
    if (index !== null && index !== timelineDrag.end) {
      timelineDrag.end = index;
      markDrag();
    }
  };
  timeline.onpointerup = () => {
    if (!timelineDrag) return;
    const { start, end } = timelineDrag;
    timelineDrag = null;
    choose(start, end);
  };
  timeline.onpointercancel = () => {
    timelineDrag = null;
    markDrag();
  };
  timeline.onkeydown = (event) => {
    const index = barIndex(event);
    if (index === null) return;
    let next = index;
    if (event.key === 'ArrowRight') next = Math.min(index + 1, buckets.length - 1);
    else if (event.key === 'ArrowLeft') next = Math.max(index - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buckets.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const span = timelineDrag || { start: index, end: index };
      timelineDrag = null;
      choose(span.start, span.end);
      return;
    } else if (event.key === 'Escape' && timelineDrag) {
      timelineDrag = null;
      markDrag();
      return;
    } else return;
    event.preventDefault();
    // Shift+arrows widen a span from where the selection began.
    if (event.shiftKey) {
      if (!timelineDrag) timelineDrag = { start: anchorFor(index), end: index };
      timelineDrag.end = next;
    } else {
      timelineDrag = null;
    }
    markDrag();
    const bars = timeline.children;
    bars[index].tabIndex = -1;
    bars[next].tabIndex = 0;
    bars[next].focus();
  };
  $('timeline-first').textContent = buckets[0].label.replace(/^week of /, '');
  $('timeline-last').textContent = buckets[buckets.length - 1].label.replace(/^week of /, '');
  $('timeline-unit').textContent = `per ${unit}`;
  $('timeline-max').textContent = timelineMode === 'share' ? percent(max) : `${max.toLocaleString()}`;
  $('timeline-max').title = timelineMode === 'share' ? `The tallest bar: ${percent(max)} of all articles in its ${unit}`
    : `The tallest bar: ${articles(max)}`;
  section.hidden = false;
}

function barIndex(event) {
  const button = event.target.closest('#timeline button');
  return button ? Number(button.dataset.index) : null;
}

function barIndexAt(clientX) {
  for (const button of $('timeline').children) {
    const box = button.getBoundingClientRect();
    if (clientX >= box.left && clientX <= box.right + 2) return Number(button.dataset.index);
  }
  return null;
}

function markDrag() {
  for (const button of $('timeline').children) {
    const index = Number(button.dataset.index);
    const on = timelineDrag && index >= Math.min(timelineDrag.start, timelineDrag.end) && index <= Math.max(timelineDrag.start, timelineDrag.end);
    button.classList.toggle('selecting', Boolean(on));
  }
}

// Bucket values (1987, 1987-02, 1987-02-26) are dates the API reads as whole periods.
function narrowTo(since, until) {
  navigate((s) => {
    s.since = since;
    s.until = until;
    s.offset = 0;
  }, { focus: true });
}

// ---- Paging -------------------------------------------------------------------------------

function renderPager(state, body) {
  const total = body.total || 0;
  const pager = $('pager');
  pager.hidden = total <= PAGE_SIZE;
  if (pager.hidden) return;
  const page = Math.floor(state.offset / PAGE_SIZE) + 1;
  const pages = lastPageOffset(total) / PAGE_SIZE + 1;
  $('page-info').textContent = `Page ${page.toLocaleString()} of ${pages.toLocaleString()}`;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = page >= pages;
}

function turnPage(direction) {
  navigate((s) => {
    s.offset = Math.min(Math.max(s.offset + direction * PAGE_SIZE, 0), MAX_OFFSET);
  }, { focus: true });
}

// ---- The phone's filter panel -------------------------------------------------------------

function openFilterPanel() {
  document.body.classList.add('filters-open');
  $('filters-toggle').setAttribute('aria-expanded', 'true');
  $('refine-heading').setAttribute('tabindex', '-1');
  $('refine-heading').focus();
}

function closeFilterPanel(returnFocus = true) {
  if (!document.body.classList.contains('filters-open')) return;
  document.body.classList.remove('filters-open');
  $('filters-toggle').setAttribute('aria-expanded', 'false');
  if (returnFocus) $('filters-toggle').focus();
}

// ---- Completion ---------------------------------------------------------------------------

let suggestTimer = 0;
let suggestGeneration = 0;
let suggestions = [];
let activeSuggestion = -1;
let suggestContext = null;

// What is being typed at the end of the text: inside an open quote (the quoted words), after a
// field prefix (place:jap), or a plain word. `start` is where the part a choice replaces begins.
function typingContext(text) {
  const quotes = (text.match(/"/g) || []).length;
  if (quotes % 2 === 1) {
    const open = text.lastIndexOf('"');
    const prefixed = /(\w+):$/.exec(text.slice(0, open));
    return {
      quoted: true,
      field: prefixed ? prefixed[1] : '',
      start: prefixed ? open - prefixed[0].length : open,
      words: text.slice(open + 1),
    };
  }
  const match = /(?:(\w+):)?([^\s"():]*)$/.exec(text);
  return { quoted: false, field: match[1] || '', start: match.index, words: match[2] };
}

function completableField(name) {
  return name === '' || name === 'title' || schemaFields.some((f) => f.name === name && f.complete);
}

function scheduleSuggestions() {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(fetchSuggestions, 150);
}

async function fetchSuggestions() {
  const input = $('q');
  const context = typingContext(input.value.slice(0, input.selectionStart ?? input.value.length));
  const generation = ++suggestGeneration;
  const prefix = context.words.trim();
  if (prefix.length < 2 || !completableField(context.field)) {
    closeSuggestions();
    return;
  }
  const ask = async (p) => {
    const params = { prefix: p, limit: '8' };
    if (context.field) params.field = context.field;
    const reply = await getJson(`api/suggest?${new URLSearchParams(params)}`);
    return reply.ok ? reply.body.suggestions || [] : [];
  };
  let list = await ask(prefix);
  context.replaced = 'all';
  // In a quote of several words nothing may start with all of them: complete the last one.
  const lastWord = /(\S+)$/.exec(prefix);
  if (!list.length && context.quoted && lastWord && lastWord[1] !== prefix && lastWord[1].length >= 2) {
    list = await ask(lastWord[1]);
    context.replaced = 'last';
  }
  if (generation !== suggestGeneration || document.activeElement !== input) return;
  suggestContext = context;
  showSuggestions(list);
}

// What a completion is, after it: its field's label ("person"), or "headline word".
const suggestionKind = (facet) => {
  if (facet === 'title') return 'headline word';
  const f = fieldOfFacet(facet);
  return f ? f.label.toLowerCase() : facet;
};

function showSuggestions(list) {
  suggestions = list;
  activeSuggestion = -1;
  const box = $('suggestions');
  box.replaceChildren();
  list.forEach((s, index) => {
    const option = element('li', {
      id: `suggestion-${index}`,
      role: 'option',
      'aria-selected': 'false',
    }, [element('span', { text: s.value }), element('span', { class: 'kind', text: suggestionKind(s.field) })]);
    // mousedown, not click: it comes before the input loses focus.
    option.addEventListener('mousedown', (event) => {
      event.preventDefault();
      chooseSuggestion(index);
    });
    box.append(option);
  });
  box.hidden = list.length === 0;
  $('q').setAttribute('aria-expanded', String(list.length > 0));
  $('q').removeAttribute('aria-activedescendant');
}

function closeSuggestions() {
  suggestGeneration++;
  clearTimeout(suggestTimer);
  suggestions = [];
  activeSuggestion = -1;
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function highlightSuggestion(index) {
  const options = $('suggestions').children;
  if (activeSuggestion >= 0 && options[activeSuggestion]) options[activeSuggestion].setAttribute('aria-selected', 'false');
  activeSuggestion = index;
  if (index >= 0) {
    options[index].setAttribute('aria-selected', 'true');
    options[index].scrollIntoView({ block: 'nearest' });
    $('q').setAttribute('aria-activedescendant', options[index].id);
  } else {
    $('q').removeAttribute('aria-activedescendant');
  }
}

// Named things (people, organizations, places, sources) become filters, with what was typed for
// them taken out of the query; inside a quote the quote is completed and closed; a headline word
// completes the word typed (keeping its title: prefix).
function chooseSuggestion(index) {
  const s = suggestions[index];
  const context = suggestContext;
  const input = $('q');
  const typed = input.value.slice(0, input.selectionStart ?? input.value.length);
  const after = input.value.slice(typed.length);
  const before = typed.slice(0, context.start);
  closeSuggestions();
  const filter = fields.find((f) => f.facet === s.field);
  let q;
  let addFilter = null;
  if (context.quoted && !context.field && context.replaced === 'last') {
    q = `${typed.replace(/\S+$/, '')}${s.value}"${after}`;
  } else if (filter && !(context.quoted && !context.field)) {
    q = `${before}${after}`;
    addFilter = filter.name;
  } else if (context.quoted) {
    q = `${before}${context.field ? `${context.field}:` : ''}"${s.value}"${after}`;
  } else {
    q = `${before}${context.field ? `${context.field}:` : ''}${s.value}${after}`;
  }
  q = q.replace(/\s+/g, ' ').trim();
  navigate((state) => {
    state.q = q;
    state.offset = 0;
    if (addFilter && !state.filters.some((f) => f.name === addFilter && f.mode !== 'not' && sameValue(f.value, s.value))) {
      state.filters.push({ name: addFilter, value: s.value, mode: modeOf(state, addFilter) });
    }
  });
}

function onQueryKey(event) {
  const open = !$('suggestions').hidden && suggestions.length > 0;
  if (event.key === 'ArrowDown' && open) {
    event.preventDefault();
    highlightSuggestion((activeSuggestion + 1) % suggestions.length);
  } else if (event.key === 'ArrowUp' && open) {
    event.preventDefault();
    highlightSuggestion(activeSuggestion <= 0 ? suggestions.length - 1 : activeSuggestion - 1);
  } else if (event.key === 'Enter' && open && activeSuggestion >= 0) {
    event.preventDefault();
    chooseSuggestion(activeSuggestion);
  } else if (event.key === 'Escape' && open) {
    event.preventDefault();
    closeSuggestions();
  }
}

// ---- One article --------------------------------------------------------------------------

let shownArticle = '';
let articleGeneration = 0;

function renderArticle(state) {
  const dialog = $('article-view');
  if (!state.article) {
    shownArticle = '';
    if (dialog.open) dialog.close();
    return;
  }
  if (state.article === shownArticle && dialog.open) return;
  shownArticle = state.article;
  loadArticle(state.article, state.q);
}

// Closing the article goes back when the article was opened from these results (so the next
// Back does not reopen it), and otherwise drops it from the address.
let openedHere = false;

function closeArticle() {
  if (openedHere) {
    openedHere = false;
    history.back();
  } else {
    navigate((s) => { s.article = ''; }, { replace: true });
  }
}

async function loadArticle(id, q) {
  const dialog = $('article-view');
  const generation = ++articleGeneration;
  $('article-title').textContent = 'Loading…';
  $('article-meta').replaceChildren();
  $('article-fields').replaceChildren();
  $('article-body').replaceChildren();
  $('article-share').href = `${location.pathname}?${new URLSearchParams({ article: id })}`;
  $('article-like').href = `${location.pathname}?${new URLSearchParams({ like: id })}`;
  $('article-like').dataset.id = id;
  if (!dialog.open) dialog.showModal();
  const reply = await getJson(`api/article/${encodeURIComponent(id)}`);
  if (generation !== articleGeneration) return;
  if (!reply.ok) {
    const message = (reply.body.error && reply.body.error.message) || `HTTP ${reply.status}`;
    $('article-title').textContent = `The article cannot be shown: ${message}`;
    return;
  }
  showArticle(reply.body, q);
}

// The words of the query, for marking in the article (stems match their longer forms).
function highlightPattern(q) {
  const words = queryWords(q).flatMap((w) => w.split(/\s+/)).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 1);
  if (!words.length) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

function appendMarked(target, text, pattern) {
  if (!pattern) {
    target.append(document.createTextNode(text));
    return;
  }
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    target.append(document.createTextNode(text.slice(at, match.index)), element('mark', { text: match[0] }));
    at = match.index + match[0].length;
  }
  target.append(document.createTextNode(text.slice(at)));
}

function showArticle(article, q) {
  const pattern = highlightPattern(q);
  const title = $('article-title');
  title.replaceChildren();
  appendMarked(title, article.title || '(no headline)', pattern);
  document.title = `${article.title || 'Article'} — Dateline`;
  const meta = $('article-meta');
  meta.append(element('time', { datetime: article.date || '', text: formatDate(article.date) }));
  if (article.source) meta.append(element('span', { class: 'source', text: article.source }));
  const list = $('article-fields');
  const add = (label, value) => {
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (text) list.append(element('dt', { text: label }), element('dd', { text }));
  };
  // Names search for themselves: a link to the filter, opening in this page.
  const addLinks = (label, name, values) => {
    if (!values || !values.length || !filterNames().includes(name)) return add(label, values);
    const dd = element('dd');
    values.forEach((value, i) => {
      if (i) dd.append(document.createTextNode(', '));
      const link = element('a', { href: `?${new URLSearchParams({ [name]: value })}`, text: value });
      link.addEventListener('click', (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        openedHere = false;
        navigate((s) => {
          Object.assign(s, { q: '', since: '', until: '', offset: 0, article: '', entity: '', filters: [{ name, value, mode: 'all' }] });
        }, { focus: true });
      });
      dd.append(link, ...entityLinks(schemaFields.find((f) => f.name === name), value));
    });
    list.append(element('dt', { text: label }), dd);
  };
  add('Source', article.source);
  add('Date', article.date ? article.date.replace('T', ' ').replace('Z', ' UTC') : '');
  add('By', article.authors);
  add('Dateline', article.dateline);
  add('Section', article.section);
  // The filter fields that hold lists of names (people, organizations, places, subjects...).
  for (const f of fields) {
    if (Array.isArray(article[f.json])) addLinks(f.plural, f.name, article[f.json]);
  }
  add('Keywords', article.keywords);
  if (article.url && /^https?:\/\//i.test(article.url)) {
    list.append(element('dt', { text: 'Original' }), element('dd', {}, [
      element('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank', text: article.url }),
    ]));
  }
  const body = $('article-body');
  for (const paragraph of String(article.body || '').split(/\n\s*\n/)) {
    if (!paragraph.trim()) continue;
    const p = element('p');
    appendMarked(p, paragraph.trim(), pattern);
    body.append(p);
  }
}

// ---- Wiring -------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', async () => {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = $('q').value;
    const sort = $('sort').value;
    navigate((s) => {
      s.q = q;
      s.sort = sort;
      s.offset = 0;
      s.article = '';
      s.entity = '';  // a new search leaves the entity page
    });
  });
  // Arrowing through the menu fires a change per step: the order replaces the entry.
  $('sort').addEventListener('change', () => {
    const sort = $('sort').value;
    if (hasSomethingToSearch(stateFromUrl())) navigate((s) => {
      s.sort = sort;
      s.offset = 0;
    }, { replace: true });
  });
  for (const mode of ['count', 'share']) $(`timeline-${mode}`).addEventListener('click', () => setTimelineMode(mode));
  $('date-form').addEventListener('submit', (event) => {
    event.preventDefault();
    narrowTo($('date-from').value, $('date-to').value);
  });
  $('q').addEventListener('input', scheduleSuggestions);
  $('q').addEventListener('keydown', onQueryKey);
  $('q').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  $('prev').addEventListener('click', () => turnPage(-1));
  $('next').addEventListener('click', () => turnPage(1));
  $('clear-all').addEventListener('click', () => navigate((s) => {
    s.filters = [];
    s.since = '';
    s.until = '';
    s.offset = 0;
  }, { focus: true }));
  $('filters-toggle').addEventListener('click', () => {
    if (document.body.classList.contains('filters-open')) closeFilterPanel();
    else openFilterPanel();
  });
  $('refine-close').addEventListener('click', () => {
    closeFilterPanel(false);
    $('results-heading').focus();
  });
  $('article-close').addEventListener('click', closeArticle);
  // More like this: a new search, in this page, for the articles like the open one.
  $('article-like').addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openedHere = false;
    const id = $('article-like').dataset.id;
    navigate((s) => {
      Object.assign(s, { q: '', since: '', until: '', offset: 0, article: '', entity: '', filters: [], like: id });
    }, { focus: true });
  });
  $('article-view').addEventListener('cancel', (event) => {
    event.preventDefault();  // Escape: closed through the address, like the button
    closeArticle();
  });
  $('home').addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState(null, '', location.pathname);
    render();
  });
  window.addEventListener('popstate', () => {
    openedHere = false;
    render();
  });
  // The timeline is sized to its width: a new width may need other bars.
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    renderedSearch = null;
    render();
  });
  await loadServerInfo();
  $('filters-toggle').hidden = true;
  render();
});
