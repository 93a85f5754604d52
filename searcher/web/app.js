// Dateline search page: talks to /api/search, /api/suggest and /api/article on the same server.
//
// The whole search lives in the address bar (q, person, org, place, source, since, until, sort,
// offset), so a search can be shared and Back/Forward move through earlier ones: every change
// pushes a new URL, and rendering always starts from the URL.
//
// Text from the index is only ever inserted with textContent. The one exception is the snippet,
// which Xapian HTML-escapes and marks with <b>: it is parsed into an inert document and rebuilt
// from its text and <b> elements only.
'use strict';

const PAGE_SIZE = 10;
const MAX_OFFSET = 10000;
const FILTERS = ['person', 'org', 'place', 'source'];
// Facet name in the API -> the filter its values set, and how to name it to people.
const FACETS = [
  { name: 'people', filter: 'person', label: 'People' },
  { name: 'organizations', filter: 'org', label: 'Organizations' },
  { name: 'places', filter: 'place', label: 'Places' },
  { name: 'sources', filter: 'source', label: 'Sources' },
  { name: 'years', filter: null, label: 'Years' },
];
const FILTER_LABELS = { person: 'Person', org: 'Organization', place: 'Place', source: 'Source' };
const SUGGESTION_FILTERS = { people: 'person', organizations: 'org', places: 'place' };
const SUGGESTION_LABELS = { people: 'person', organizations: 'organization', places: 'place', title: 'headline word' };

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

// ---- The search as held in the URL -------------------------------------------------------

function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get('q') || '',
    since: params.get('since') || '',
    until: params.get('until') || '',
    sort: params.get('sort') || 'relevance',
    offset: Math.min(Math.max(parseInt(params.get('offset') || '0', 10) || 0, 0), MAX_OFFSET),
    filters: [],
  };
  for (const name of FILTERS) {
    for (const value of params.getAll(name)) if (value) state.filters.push([name, value]);
  }
  return state;
}

function stateParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const [name, value] of state.filters) params.append(name, value);
  if (state.since) params.set('since', state.since);
  if (state.until) params.set('until', state.until);
  if (state.sort && state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.offset) params.set('offset', String(state.offset));
  return params;
}

function hasSomethingToSearch(state) {
  return state.q.trim() !== '' || state.filters.length > 0 || state.since !== '' || state.until !== '';
}

// Every user action goes through here: a new history entry, then a render from the URL.
function navigate(change) {
  const state = stateFromUrl();
  change(state);
  const query = stateParams(state).toString();
  history.pushState(null, '', query ? `?${query}` : location.pathname);
  render();
}

// ---- Rendering a search ------------------------------------------------------------------

let searchGeneration = 0;

async function render() {
  const state = stateFromUrl();
  $('q').value = state.q;
  $('sort').value = state.sort;
  renderChips(state);
  closeSuggestions();
  if (!hasSomethingToSearch(state)) {
    showIntro();
    return;
  }
  $('intro').hidden = true;
  const generation = ++searchGeneration;
  $('status').textContent = 'Searching…';
  document.body.setAttribute('aria-busy', 'true');
  const params = stateParams(state);
  params.set('limit', String(PAGE_SIZE));
  let reply;
  try {
    const response = await fetch(`api/search?${params}`, { headers: { Accept: 'application/json' } });
    reply = { ok: response.ok, status: response.status, body: await response.json() };
  } catch (error) {
    reply = { ok: false, status: 0, body: { error: { message: `The server cannot be reached (${error.message}).` } } };
  }
  if (generation !== searchGeneration) return;  // a newer search has started meanwhile
  document.body.removeAttribute('aria-busy');
  if (!reply.ok) {
    showError(state, reply);
    return;
  }
  $('error').hidden = true;
  renderResults(state, reply.body);
  renderTimeline(state, reply.body.histogram);
  renderFacets(state, reply.body.facets || {});
  renderPager(state, reply.body);
}

function showIntro() {
  searchGeneration++;
  $('intro').hidden = false;
  $('status').textContent = '';
  $('error').hidden = true;
  $('result-list').replaceChildren();
  $('facets').hidden = true;
  $('timeline-section').hidden = true;
  $('pager').hidden = true;
  document.body.removeAttribute('aria-busy');
}

function showError(state, reply) {
  const box = $('error');
  const error = (reply.body && reply.body.error) || {};
  box.replaceChildren(element('p', { text: error.message || `The search failed (HTTP ${reply.status}).` }));
  if (typeof error.position === 'number' && state.q) {
    // Point at the problem in the query, as the terminal does.
    const caret = ' '.repeat(Math.min(error.position, state.q.length)) + '^';
    box.append(element('pre', { text: `${state.q}\n${caret}` }));
  }
  box.hidden = false;
  $('status').textContent = '';
  $('result-list').replaceChildren();
  $('facets').hidden = true;
  $('timeline-section').hidden = true;
  $('pager').hidden = true;
}

function formatDate(iso) {
  return iso ? iso.slice(0, 10) : 'undated';
}

function renderResults(state, body) {
  const total = body.total || 0;
  const counted = body.total_exact === false ? 'about ' : '';
  const first = total ? state.offset + 1 : 0;
  const last = state.offset + (body.results || []).length;
  $('status').textContent = total
    ? `${counted}${total.toLocaleString()} ${total === 1 ? 'article' : 'articles'}; showing ${first}–${last}`
    : 'No articles match. Try fewer words or remove a filter.';
  const list = $('result-list');
  list.replaceChildren();
  for (const result of body.results || []) {
    const meta = element('p', { class: 'meta' }, [
      element('time', { datetime: result.date || '', text: formatDate(result.date) }),
    ]);
    if (result.source) meta.append(element('span', { class: 'source', text: result.source }));
    const open = element('button', { type: 'button', text: result.title || '(no headline)', onclick: () => openArticle(result.id) });
    const item = element('li', {}, [meta, element('h3', { class: 'headline' }, [open])]);
    const snippet = element('p', { class: 'snippet' });
    appendSnippet(snippet, result.snippet || '');
    item.append(snippet);
    const names = [...(result.people || []), ...(result.organizations || [])].slice(0, 6);
    if (names.length) item.append(element('p', { class: 'entities', text: names.join(' · ') }));
    list.append(item);
  }
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

// ---- Filters: chips and facets ------------------------------------------------------------

function dateRangeLabel(state) {
  if (state.since && state.until) return state.since === state.until ? state.since : `${state.since} to ${state.until}`;
  return state.since ? `from ${state.since}` : `until ${state.until}`;
}

function renderChips(state) {
  const chips = $('chips');
  chips.replaceChildren();
  const add = (label, remove) => {
    const button = element('button', { type: 'button', 'aria-label': `Remove filter ${label}`, text: '×', onclick: remove });
    chips.append(element('li', { class: 'chip' }, [element('span', { text: label }), button]));
  };
  state.filters.forEach(([name, value], index) => {
    add(`${FILTER_LABELS[name]}: ${value}`, () => navigate((s) => {
      s.filters.splice(index, 1);
      s.offset = 0;
    }));
  });
  if (state.since || state.until) {
    add(`Date: ${dateRangeLabel(state)}`, () => navigate((s) => {
      s.since = '';
      s.until = '';
      s.offset = 0;
    }));
  }
  $('chips-bar').hidden = chips.childElementCount === 0;
}

function sameValue(a, b) {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

function renderFacets(state, facets) {
  const aside = $('facets');
  aside.replaceChildren();
  for (const facet of FACETS) {
    const values = facets[facet.name] || [];
    if (!values.length) continue;
    const headingId = `facet-${facet.name}`;
    const list = element('ul');
    for (const { value, count } of values) {
      const active = facet.filter
        ? state.filters.some(([name, v]) => name === facet.filter && sameValue(v, value))
        : state.since === value && state.until === value;
      const button = element('button', {
        type: 'button',
        'aria-pressed': String(active),
        onclick: () => navigate((s) => toggleFacet(s, facet, value, active)),
      }, [element('span', { text: value }), element('span', { class: 'count', text: count.toLocaleString() })]);
      list.append(element('li', {}, [button]));
    }
    aside.append(element('section', { 'aria-labelledby': headingId }, [element('h2', { id: headingId, text: facet.label }), list]));
  }
  aside.hidden = aside.childElementCount === 0;
}

function toggleFacet(state, facet, value, active) {
  state.offset = 0;
  if (!facet.filter) {  // a year narrows the dates
    state.since = active ? '' : value;
    state.until = active ? '' : value;
  } else if (active) {
    state.filters = state.filters.filter(([name, v]) => !(name === facet.filter && sameValue(v, value)));
  } else {
    state.filters.push([facet.filter, value]);
  }
}

// ---- Timeline -----------------------------------------------------------------------------

// The buckets with the empty ones between them filled in, so that gaps in time show as gaps
// (unless that would make too many bars to see).
const MAX_BARS = 400;

function continuousBuckets(histogram) {
  const buckets = histogram.buckets || [];
  if (buckets.length < 2) return buckets;
  const counts = new Map(buckets.map((b) => [b.value, b.count]));
  const first = buckets[0].value;
  const last = buckets[buckets.length - 1].value;
  const values = [];
  if (histogram.unit === 'year') {
    for (let y = Number(first); y <= Number(last) && values.length <= MAX_BARS; y++) values.push(String(y));
  } else if (histogram.unit === 'month') {
    let [y, m] = first.split('-').map(Number);
    for (let value = first; value <= last && values.length <= MAX_BARS;) {
      values.push(value);
      if (++m > 12) { m = 1; y++; }
      value = `${y}-${String(m).padStart(2, '0')}`;
    }
  } else {
    const day = new Date(`${first}T00:00:00Z`);
    for (let value = first; value <= last && values.length <= MAX_BARS;) {
      values.push(value);
      day.setUTCDate(day.getUTCDate() + 1);
      value = day.toISOString().slice(0, 10);
    }
  }
  if (values.length > MAX_BARS) return buckets;
  return values.map((value) => ({ value, count: counts.get(value) || 0 }));
}

let timelineDrag = null;  // {start, end} bucket indexes while a span is being dragged

function renderTimeline(state, histogram) {
  const section = $('timeline-section');
  const timeline = $('timeline');
  timeline.replaceChildren();
  const buckets = histogram ? continuousBuckets(histogram) : [];
  if (buckets.length === 0) {
    section.hidden = true;
    return;
  }
  const unit = histogram.unit;
  $('timeline-heading').textContent = `Timeline (per ${unit})`;
  const max = Math.max(...buckets.map((b) => b.count), 1);
  const active = buckets.length === 1 || Boolean(state.since || state.until);
  buckets.forEach((bucket, index) => {
    const bar = element('span', { class: 'bar' });
    bar.style.height = `${Math.max((bucket.count / max) * 100, bucket.count ? 3 : 1)}%`;
    const label = `${bucket.value}: ${bucket.count.toLocaleString()} ${bucket.count === 1 ? 'article' : 'articles'}`;
    const button = element('button', {
      type: 'button',
      class: `${bucket.count ? '' : 'empty'}${active ? ' active' : ''}`,
      'aria-label': label,
      title: label,
      tabindex: index === 0 ? '0' : '-1',
    }, [bar]);
    button.dataset.index = String(index);
    timeline.append(button);
  });
  timeline.onpointerdown = (event) => {
    const index = barIndex(event);
    if (index === null || event.button !== 0) return;
    event.preventDefault();
    timelineDrag = { start: index, end: index };
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
    narrowTo(buckets[Math.min(start, end)].value, buckets[Math.max(start, end)].value);
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
      narrowTo(buckets[index].value, buckets[index].value);
      return;
    } else return;
    event.preventDefault();
    const bars = timeline.children;
    bars[index].tabIndex = -1;
    bars[next].tabIndex = 0;
    bars[next].focus();
  };
  $('timeline-first').textContent = buckets[0].value;
  $('timeline-last').textContent = buckets[buckets.length - 1].value;
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
  });
}

// ---- Paging -------------------------------------------------------------------------------

function renderPager(state, body) {
  const total = body.total || 0;
  const pager = $('pager');
  pager.hidden = total <= PAGE_SIZE;
  if (pager.hidden) return;
  const page = Math.floor(state.offset / PAGE_SIZE) + 1;
  const pages = Math.ceil(Math.min(total, MAX_OFFSET + PAGE_SIZE) / PAGE_SIZE);
  $('page-info').textContent = `Page ${page} of ${pages.toLocaleString()}`;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = page >= pages;
}

function turnPage(direction) {
  navigate((s) => {
    s.offset = Math.min(Math.max(s.offset + direction * PAGE_SIZE, 0), MAX_OFFSET);
  });
  $('results').focus();
}

// ---- Completion ---------------------------------------------------------------------------

let suggestTimer = 0;
let suggestGeneration = 0;
let suggestions = [];
let activeSuggestion = -1;

// The word being typed: completions are for it, not for the whole query.
function currentWord(text) {
  const match = /([^\s"():]+)$/.exec(text);
  return match ? match[1] : '';
}

function scheduleSuggestions() {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(fetchSuggestions, 150);
}

async function fetchSuggestions() {
  const word = currentWord($('q').value);
  const generation = ++suggestGeneration;
  if (word.length < 2) {
    closeSuggestions();
    return;
  }
  try {
    const response = await fetch(`api/suggest?${new URLSearchParams({ prefix: word, limit: '8' })}`);
    if (!response.ok) return;
    const body = await response.json();
    if (generation !== suggestGeneration || document.activeElement !== $('q')) return;
    showSuggestions(body.suggestions || []);
  } catch {
    closeSuggestions();  // completion is a convenience; searching still works without it
  }
}

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
    }, [element('span', { text: s.value }), element('span', { class: 'kind', text: SUGGESTION_LABELS[s.field] || s.field })]);
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

// A person, organization or place becomes a filter; a headline word completes the word typed.
function chooseSuggestion(index) {
  const s = suggestions[index];
  const input = $('q');
  const word = currentWord(input.value);
  const before = input.value.slice(0, input.value.length - word.length);
  closeSuggestions();
  const filter = SUGGESTION_FILTERS[s.field];
  if (filter) {
    const q = before.trim();
    navigate((state) => {
      state.q = q;
      state.offset = 0;
      if (!state.filters.some(([name, v]) => name === filter && sameValue(v, s.value))) state.filters.push([filter, s.value]);
    });
  } else {
    const q = `${before}${s.value}`;
    navigate((state) => {
      state.q = q;
      state.offset = 0;
    });
  }
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

async function openArticle(id) {
  const dialog = $('article-view');
  $('article-title').textContent = 'Loading…';
  $('article-meta').replaceChildren();
  $('article-fields').replaceChildren();
  $('article-body').replaceChildren();
  if (!dialog.open) dialog.showModal();
  try {
    const response = await fetch(`api/article/${encodeURIComponent(id)}`);
    const body = await response.json();
    if (!response.ok) throw new Error((body.error && body.error.message) || `HTTP ${response.status}`);
    showArticle(body);
  } catch (error) {
    $('article-title').textContent = `The article cannot be shown: ${error.message}`;
  }
}

function showArticle(article) {
  $('article-title').textContent = article.title || '(no headline)';
  const meta = $('article-meta');
  meta.append(element('time', { datetime: article.date || '', text: formatDate(article.date) }));
  if (article.source) meta.append(element('span', { class: 'source', text: article.source }));
  const fields = $('article-fields');
  const add = (label, value) => {
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (text) fields.append(element('dt', { text: label }), element('dd', { text }));
  };
  add('By', article.authors);
  add('Dateline', article.dateline);
  add('Section', article.section);
  add('People', article.people);
  add('Organizations', article.organizations);
  add('Places', article.places);
  add('Keywords', article.keywords);
  if (article.url && /^https?:\/\//i.test(article.url)) {
    fields.append(element('dt', { text: 'Link' }), element('dd', {}, [
      element('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank', text: article.url }),
    ]));
  }
  const body = $('article-body');
  for (const paragraph of String(article.body || '').split(/\n\s*\n/)) {
    if (paragraph.trim()) body.append(element('p', { text: paragraph.trim() }));
  }
}

// ---- Wiring -------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = $('q').value;
    const sort = $('sort').value;
    navigate((s) => {
      s.q = q;
      s.sort = sort;
      s.offset = 0;
    });
  });
  $('sort').addEventListener('change', () => {
    const sort = $('sort').value;
    if (hasSomethingToSearch(stateFromUrl())) navigate((s) => {
      s.sort = sort;
      s.offset = 0;
    });
  });
  $('q').addEventListener('input', scheduleSuggestions);
  $('q').addEventListener('keydown', onQueryKey);
  $('q').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  $('prev').addEventListener('click', () => turnPage(-1));
  $('next').addEventListener('click', () => turnPage(1));
  $('home').addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState(null, '', location.pathname);
    render();
  });
  window.addEventListener('popstate', render);
  render();
});
