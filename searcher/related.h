// Who appears with whom: the people, organizations and places a query's articles name more than
// the rest of the archive does.
//
// Raw counts favour whoever is in everything: over Reuters-21578 the U.S. leads the places of
// almost any query. So each name is scored by how much more often it occurs in the matching articles than
// in the index as a whole, with Dunning's log-likelihood ratio G² on the 2x2 table (matching or
// not) x (naming it or not). G² is large for a name that is both frequent among the matches and
// rare elsewhere, stays small for a name seen once or twice, and does not blow up for rare names
// the way pointwise mutual information does. Only names found more often than chance would have
// them are kept; a name every article holds scores nothing.
//
// The counts among the matches come from the facet spy, which sees every matching article (the
// searcher counts the entity facets for this even when the request did not ask for them). The
// count over the whole index is the frequency of the name's exact-filter term, one B-tree
// look-up per name. The entity the query itself names (person:volcker, --person Volcker, under
// any of its aliases) is left out: it is in every match by construction.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

#include "entity_aliases.h"
#include "facets.h"
#include "search_request.h"

namespace dateline {

// A name in fewer matching articles than this is not listed, unless the query matches fewer
// than kRelatedSmallSet articles: once says nothing among hundreds, but something among five.
inline constexpr std::size_t kRelatedMinCount = 2;
inline constexpr std::size_t kRelatedSmallSet = 10;
// At most this many names per kind (the most frequent among the matches) are scored, so a broad
// query over an archive of many names costs a bounded number of look-ups.
inline constexpr std::size_t kRelatedMaxCandidates = 2000;

// The facets the related lists are counted from: the schema's person, org and place fields.
std::vector<std::string> related_facets();

// The facets a request's spy must count: those it asks for, plus related_facets() when it asks
// for related names.
std::vector<std::string> facets_to_count(const SearchRequest& request);

// Dunning's G² of a name `count` of `matches` matching articles hold, and `all` of the index's
// `documents` articles: 0 when the name is no more frequent among the matches than elsewhere.
double association(std::size_t count, std::size_t matches, std::size_t all, std::size_t documents);

// The `request.related` names of each kind most associated with the `matches` matching
// articles the spy counted, strongest first, the query's own entities left out.
std::vector<Related> related_entities(const Xapian::Database& db, const FacetSpy& spy, std::size_t matches,
                                      const SearchRequest& request, const EntityAliases& aliases);

}  // namespace dateline
