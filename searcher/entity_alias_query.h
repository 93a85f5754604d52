// Entity alias queries: person:, org: and place: find an entity by any of its names.
//
// The indexer stores each entity under its canonical name (common/entities/entity_aliases.h), so
// `place:usa`, `place:"united states"` and `--place USA` must look for "U.S.", and
// `org:"united nations"` for "U.N.". The query builder asks this module, for each entity clause of
// a query and each entity filter, which exact-filter terms also name that entity:
//   - the filter terms of its canonical name and of all its aliases (aliases too, so an index
//     written before a name joined the table still answers);
//   - for a person's full name the index knows ("paul volcker") or the public figures list
//     gives for that surname alone, the surname: archives such as Reuters-21578 tag people by
//     surname ("volcker"), and a story so tagged is taken to be about the person the query names.
// The search core calls it; it knows the schema and Xapian terms, not the query syntax beyond
// finding the clauses.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entity_aliases.h"
#include "schema.h"

namespace dateline {

// The kind of entity a field holds: person, org and place; nullopt for other fields.
std::optional<EntityKind> entity_kind(const schema::Field& field);

// A person:, org: or place: clause of a query string, as typed.
struct EntityClause {
    std::size_t begin = 0, end = 0;  // its characters in the query: [begin, end)
    const schema::Field* field = nullptr;
    std::string value;               // the name, without its quotes
};

// The entity clauses of `query` ("place:usa", "org:\"united nations\""), leaving alone any
// inside a quoted phrase. A clause starts the query or follows a space, '(', '+' or '-'.
std::vector<EntityClause> find_entity_clauses(std::string_view query);

// The exact-filter terms of every name of the entity `value` of `field` names, `value`'s own
// among them; empty when the alias table and the index know no other name for it (then the
// query as typed is all there is to it). `db` may be null (no surname lookups then).
std::vector<std::string> entity_terms(const schema::Field& field, const std::string& value,
                                            const EntityAliases& aliases, const Xapian::Database* db);

// Canonical names of `field`'s entities the index holds, one of whose names completes `prefix`
// ("united st" -> "U.S."), with the number of articles holding each.
std::vector<std::pair<std::string, Xapian::doccount>> alias_completions(const schema::Field& field,
                                                                        const std::string& prefix,
                                                                        const EntityAliases& aliases,
                                                                        const Xapian::Database& db);

}  // namespace dateline
