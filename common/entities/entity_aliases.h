// EntityAliases: one canonical name per person, organization and place, found by every name.
//
// The table groups the names of one thing: "U.S.", "USA", "US", "United States", "America" are
// the place "U.S."; "U.N." and "United Nations" the organization "U.N."; "Fed" and "Federal
// Reserve" the organization "Federal Reserve". Its built-in part is the gazetteer's lists of
// common/data/ (organizations.txt, countries.txt, regions.txt, cities.txt: canonical name first,
// then its other names) and state_abbreviations.txt ("Calif" -> "California"). A user's file
// adds to it (dateline-index, dateline-search and
// dateline-http take --aliases FILE), one group a line, the field it names first:
//
//     # comment
//     org: World Food Programme | WFP | Programme alimentaire mondial
//     person: Vladimir Putin | Wladimir Putin | Poutine
//     place: United States        # makes "United States" the canonical name of the U.S. group
//
// A user's line takes over every group one of its names already belongs to, and its first name
// becomes their canonical name; so a line may rename a built-in group or join two.
//
// Who uses it: the indexer gives every article's entities, curated or extracted, their canonical
// names (entities.h); the searcher makes person:, org: and place: clauses, filters and
// suggestions find an entity by any of its names (searcher/entity_alias_query.h). Names are
// compared by entity_data::name_key(): case, dots and spacing do not matter ("U.S." = "US").
//
// Built once, then only read: one instance may be shared by threads.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

namespace dateline {

enum class EntityKind { person, organization, place };

// A user's alias file that cannot be used; the message names the file and line.
class AliasFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class EntityAliases {
public:
    // The built-in table alone.
    EntityAliases();

    // The built-in table, built once and shared.
    static std::shared_ptr<const EntityAliases> built_in();
    // The built-in table and the user's file at `path` (the built-in one alone when `path` is
    // empty); throws AliasFileError.
    static std::shared_ptr<const EntityAliases> with_file(const std::string& path);

    // Adds the groups of a user's alias text (the format above); `origin` names it in errors.
    // Throws AliasFileError.
    void add_user_text(std::string_view text, const std::string& origin);

    // The canonical name of the entity `name` names; nullptr when the table does not know it.
    const std::string* canonical(EntityKind kind, std::string_view name) const;
    // The canonical name, or `name` itself when the table does not know it.
    std::string canonical_or_self(EntityKind kind, const std::string& name) const;
    // Every name of the entity `name` names, canonical name first; empty when unknown.
    const std::vector<std::string>* names(EntityKind kind, std::string_view name) const;
    // Canonical names of the entities one of whose names starts with `prefix`, or has a word
    // that does (compared as name keys): what a search box may complete "united st" to.
    std::vector<std::string> completing(EntityKind kind, std::string_view prefix) const;

    // True when common/data/public_figures.txt gives `full_name` as the one person its surname
    // stands for ("Paul Volcker" for "Volcker"; not a surname two listed people share).
    bool is_listed_full_name(std::string_view full_name) const;

private:
    struct Group {
        std::vector<std::string> names;  // canonical first
    };
    struct Table {
        std::vector<Group> groups;
        absl::flat_hash_map<std::string, std::size_t> group_of;  // name key -> group
    };

    void add_built_in(std::string_view list, EntityKind kind);
    void add_group(EntityKind kind, const std::vector<std::string>& names, bool takes_over);
    const Group* find(EntityKind kind, std::string_view name) const;

    Table tables_[3];
    absl::flat_hash_map<std::string, std::string> listed_full_names_;  // surname key -> full name key, "" when shared
};

}  // namespace dateline
