#include "entity_aliases.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "entity_gazetteer.h"
#include "word_lists.h"
#include "text.h"

namespace dateline {
namespace {

std::size_t index_of(EntityKind kind) { return static_cast<std::size_t>(kind); }

// The field names of queries (person:, org:, place:) name the kinds in a user's file.
bool kind_named(std::string_view word, EntityKind& kind) {
    if (word == "person") kind = EntityKind::person;
    else if (word == "org") kind = EntityKind::organization;
    else if (word == "place") kind = EntityKind::place;
    else return false;
    return true;
}

}  // namespace

EntityAliases::EntityAliases() {
    // The gazetteer's order (entity_gazetteer.cpp): where two lists claim a name, the first wins.
    add_built_in("organizations", EntityKind::organization);
    add_built_in("countries", EntityKind::place);
    add_built_in("regions", EntityKind::place);
    add_built_in("cities", EntityKind::place);
    add_built_in("state_abbreviations", EntityKind::place);
    // "Volcker | Paul Volcker": the surname first, then the full name.
    for (std::string_view entry : entity_data::entries(entity_data::word_list("public_figures"))) {
        std::vector<std::string> names = text::split_trimmed(entry, '|');
        if (names.size() < 2) continue;
        auto [it, added] = listed_full_names_.try_emplace(entity_data::name_key(names[0]), entity_data::name_key(names[1]));
        if (!added && it->second != entity_data::name_key(names[1])) it->second.clear();
    }
}

std::shared_ptr<const EntityAliases> EntityAliases::built_in() {
    static const std::shared_ptr<const EntityAliases> table = std::make_shared<const EntityAliases>();
    return table;
}

std::shared_ptr<const EntityAliases> EntityAliases::with_file(const std::string& path) {
    if (path.empty()) return built_in();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw AliasFileError("cannot read the alias file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    auto table = std::make_shared<EntityAliases>(*built_in());
    table->add_user_text(text.str(), path);
    return table;
}

void EntityAliases::add_built_in(std::string_view list, EntityKind kind) {
    for (std::string_view entry : entity_data::entries(entity_data::word_list(list))) {
        std::vector<std::string> names = text::split_trimmed(entry, '|');
        if (!names.empty()) add_group(kind, names, false);
    }
}

void EntityAliases::add_user_text(std::string_view content, const std::string& origin) {
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start < content.size()) {
        std::size_t end = content.find('\n', start);
        if (end == std::string_view::npos) end = content.size();
        std::string_view raw = content.substr(start, end - start);
        std::string line = text::collapse_spaces(raw.substr(0, raw.find('#')));
        start = end + 1;
        ++line_number;
        if (line.empty()) continue;
        auto fail = [&](const std::string& why) {
            throw AliasFileError(origin + ":" + std::to_string(line_number) + ": " + why);
        };
        std::size_t colon = line.find(':');
        EntityKind kind{};
        if (colon == std::string::npos || !kind_named(text::trim(line.substr(0, colon)), kind))
            fail("a line starts with person:, org: or place:, then the names (\"org: World Food Programme | WFP\")");
        std::vector<std::string> names;
        for (std::string& name : text::split_trimmed(line.substr(colon + 1), '|')) {
            if (entity_data::name_key(name).empty())
                fail("an empty name between '|' signs");
            names.push_back(std::move(name));
        }
        if (names.empty()) fail("no name after '" + line.substr(0, colon + 1) + "'");
        add_group(kind, names, true);
    }
}

void EntityAliases::add_group(EntityKind kind, const std::vector<std::string>& names, bool takes_over) {
    Table& table = tables_[index_of(kind)];
    if (!takes_over) {
        // A built-in name already claimed by an earlier line keeps its group (first wins).
        std::size_t id = table.groups.size();
        Group group;
        for (const std::string& name : names) {
            if (table.group_of.try_emplace(entity_data::name_key(name), id).second || group.names.empty())
                group.names.push_back(name);
        }
        table.groups.push_back(std::move(group));
        return;
    }
    // The user's line: its groups become one, named by its first name.
    std::vector<std::size_t> joined;
    for (const std::string& name : names) {
        auto it = table.group_of.find(entity_data::name_key(name));
        if (it != table.group_of.end() && std::find(joined.begin(), joined.end(), it->second) == joined.end())
            joined.push_back(it->second);
    }
    std::size_t id = joined.empty() ? table.groups.size() : joined.front();
    if (joined.empty()) table.groups.emplace_back();
    Group merged;
    auto add = [&](const std::string& name) {
        std::string key = entity_data::name_key(name);
        bool listed = std::any_of(merged.names.begin(), merged.names.end(),
                                  [&](const std::string& n) { return entity_data::name_key(n) == key; });
        if (!listed) merged.names.push_back(name);
        table.group_of[key] = id;
    };
    for (const std::string& name : names) add(name);
    for (std::size_t g : joined) {
        for (const std::string& name : table.groups[g].names) add(name);
        table.groups[g].names.clear();
    }
    table.groups[id] = std::move(merged);
}

const EntityAliases::Group* EntityAliases::find(EntityKind kind, std::string_view name) const {
    const Table& table = tables_[index_of(kind)];
    auto it = table.group_of.find(entity_data::name_key(name));
    return it == table.group_of.end() ? nullptr : &table.groups[it->second];
}

const std::string* EntityAliases::canonical(EntityKind kind, std::string_view name) const {
    const Group* group = find(kind, name);
    return group ? &group->names.front() : nullptr;
}

std::string EntityAliases::canonical_or_self(EntityKind kind, const std::string& name) const {
    const std::string* c = canonical(kind, name);
    return c ? *c : name;
}

const std::vector<std::string>* EntityAliases::names(EntityKind kind, std::string_view name) const {
    const Group* group = find(kind, name);
    return group ? &group->names : nullptr;
}

bool EntityAliases::is_listed_full_name(std::string_view full_name) const {
    std::string key = entity_data::name_key(full_name);
    std::size_t space = key.rfind(' ');
    if (space == std::string::npos) return false;
    auto it = listed_full_names_.find(key.substr(space + 1));
    return it != listed_full_names_.end() && !it->second.empty() && it->second == key;
}

std::vector<std::string> EntityAliases::completing(EntityKind kind, std::string_view prefix) const {
    std::vector<std::string> out;
    std::string key = entity_data::name_key(prefix);
    if (key.empty()) return out;
    const Table& table = tables_[index_of(kind)];
    std::string word_start = " " + key;
    std::vector<bool> matched(table.groups.size(), false);
    for (const auto& [name, group] : table.group_of) {
        if (name.rfind(key, 0) == 0 || name.find(word_start) != std::string::npos) matched[group] = true;
    }
    // In the table's order, so the answer does not depend on the hash map's.
    for (std::size_t g = 0; g < matched.size(); ++g) {
        if (matched[g] && !table.groups[g].names.empty()) out.push_back(table.groups[g].names.front());
    }
    return out;
}

}  // namespace dateline
