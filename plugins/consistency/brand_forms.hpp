// What the brand file declares about the forms consistency compares, so that it never
// argues with the brand: the brand's own spellings win a variant set, and names and the
// terms terminology reports are left to terminology.
#pragma once

#include <touchpoint/brand.hpp>
#include <touchpoint/document.hpp>
#include <touchpoint/text.hpp>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace touchpoint::consistency {

class BrandForms {
public:
    BrandForms(const Brand& brand, const Lexicon& lexicon);

    // The form the brand writes for a key (lower case, no hyphen or space), from a
    // preferred term or an accepted word of one or two words; null when it declares none.
    const std::string* spelling(const std::string& key) const;

    // Keys of forms that are terminology's: a name's words, alone or two together
    // (`Urgent Care` in `Bayside Smiles & Urgent Care`), a name's variants, terms avoided
    // and terms replaced by a preferred one. Consistency makes no variant set of them.
    bool terminology_key(const std::string& key) const { return terminology_keys_.count(key) > 0; }

    // Words of a name that the dictionary does not know (`Riverbend`, not `Health`).
    bool name_word(const std::string& key) const { return name_words_.count(key) > 0; }
    bool has_name_words() const { return !name_words_.empty(); }

    // For each word of the document: whether it is part of a name written there, right
    // or not (`Bayside Smiles & Urgent Care`, `River bend Health`, a declared variant).
    std::vector<bool> in_names(const Document& document) const;

private:
    void add_name(const BrandVocabulary::Name& name, const Lexicon& lexicon);
    size_t name_end(const Document& document, size_t first) const;

    std::unordered_map<std::string, std::string> spellings_;
    std::unordered_set<std::string> terminology_keys_;
    std::unordered_set<std::string> name_words_;
    std::unordered_set<std::string> names_;          // each name and variant, its word keys joined
    std::unordered_set<std::string> name_prefixes_;  // every proper prefix of those
};

}  // namespace touchpoint::consistency
