// Entity pages: one page per person, organization and place, at ?entity=person:NAME.
//
// An entity page is the search page for the entity's exact filter, newest first, with a header
// above the results: the entity's name and span, and the people, organizations and places that
// appear with it most (the search API's `related` lists, ranked by association against the
// whole archive, not by raw counts). The timeline beside the results is the entity's timeline,
// and the results its latest stories; facets and dates narrow them as in any search. app.js
// calls the three functions below; the fields that have entity pages are those /api/schema
// marks as entities.
'use strict';

const RELATED_SHOWN = 8;  // names per kind in an entity's "Appears with" lists

let focusEntityAfterRender = false;

// {field, value} of an entity address ("person:Paul Volcker"); null for anything else.
function parseEntity(text) {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const field = schemaFields.find((f) => f.entity && f.name === text.slice(0, colon));
  const value = text.slice(colon + 1).trim();
  return field && value ? { field, value } : null;
}

const entityAddress = (field, value) => `${field.name}:${value}`;

// The entity's filter (and on its page, its related names) in the search API's parameters.
function addEntityParams(state, params, withRelated) {
  const entity = parseEntity(state.entity || '');
  if (!entity) return;
  params.append(entity.field.name, entity.value);
  if (withRelated) params.set('related', String(RELATED_SHOWN));
}

function openEntity(field, value) {
  openedHere = false;
  focusEntityAfterRender = true;
  navigate((s) => {
    Object.assign(s, {
      q: '', like: '', since: '', until: '', offset: 0, article: '', filters: [], sort: 'newest', entity: entityAddress(field, value),
    });
  });
}

// A link to the page of `value`, for lists of names (facets, an article's fields); none when
// the field has no entity pages.
function entityLinks(field, value) {
  if (!field || !field.entity) return [];
  const link = element('a', {
    class: 'entity-link',
    href: `?${new URLSearchParams({ entity: entityAddress(field, value) })}`,
    title: `${field.label} page: ${value}`,
    'aria-label': `${field.label} page: ${value}`,
    text: '›',
  });
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;  // a new tab
    event.preventDefault();
    openEntity(field, value);
  });
  return [link];
}

// The header of an entity page, from the search reply of its articles; hidden elsewhere.
function renderEntity(state, body) {
  const box = $('entity');
  const entity = parseEntity(state.entity || '');
  if (!entity || !body) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const { field, value } = entity;
  // The name as the articles write it, when the case typed in the address differs.
  const counted = ((body.facets || {})[field.facet] || []).find((v) => sameValue(v.value, value));
  const name = counted ? counted.value : value;
  const heading = element('h2', { id: 'entity-name', tabindex: '-1', text: name });
  const buckets = (body.histogram && body.histogram.buckets) || [];
  const span = buckets.length ? `, ${buckets[0].value} to ${buckets[buckets.length - 1].value}` : '';
  box.replaceChildren(
    element('p', { class: 'entity-kind', text: field.label }),
    heading,
    element('p', {
      class: 'hint',
      text: `${articles(body.total || 0)}${span}. The timeline shows when it was in the news; its stories follow, ` +
        `${state.sort === 'newest' ? 'latest first' : 'in the order chosen'}.`,
    }),
  );
  const lists = element('div', { class: 'related' });
  // In the schema's order (people, organizations, places), not the JSON's alphabetical one.
  for (const facetName of facetNames()) {
    const values = (body.related || {})[facetName] || [];
    const kind = fieldOfFacet(facetName);
    if (!kind || !values.length) continue;
    const id = `related-${facetName}`;
    const list = element('ul');
    for (const v of values) {
      const link = element('a', { href: `?${new URLSearchParams({ entity: entityAddress(kind, v.value) })}`, text: v.value });
      link.addEventListener('click', (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        openEntity(kind, v.value);
      });
      list.append(element('li', {}, [
        link,
        element('span', {
          class: 'count',
          title: `${articles(v.count)} here, ${articles(v.all)} in the whole archive`,
          text: ` ${v.count.toLocaleString()} of ${v.all.toLocaleString()}`,
        }),
      ]));
    }
    lists.append(element('section', { 'aria-labelledby': id }, [element('h3', { id, text: `${kind.plural} with ${name}` }), list]));
  }
  if (lists.childElementCount) {
    const legend = 'Appears with, most telling first (articles naming both, of all naming the other):';
    box.append(element('p', { class: 'hint', text: legend }), lists);
  }
  box.hidden = false;
  document.title = `${name} — Dateline`;
  if (focusEntityAfterRender) {
    focusEntityAfterRender = false;
    // A new page: from its top, the search box and the whole header in view.
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}
