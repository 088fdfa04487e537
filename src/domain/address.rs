//! Postal addresses of premises and their normalisation: the same dwelling written by different
//! providers («ул. Ленина, д. 12, кв. 5», «Ленина улица 12 кв.5», «г. Абакан» or «АБАКАН», ё or е)
//! gets one key, so it maps to one premises.

/// An address as a provider sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub city: String,
    pub street: String,
    pub house: String,
    pub building: Option<String>,
    pub apartment: Option<String>,
}

/// «г. Абакан, ул. Ленина, д. 12, кв. 5», as a document prints it: numbers get their marker
/// (д., корп., кв.), names stand as they are.
pub fn line(city: &str, street: &str, house: &str, building: Option<&str>, apartment: Option<&str>) -> String {
    let marked = |marker: &str, value: &str| {
        if value.starts_with(|c: char| c.is_ascii_digit()) { format!("{marker} {value}") } else { value.to_owned() }
    };
    let mut parts = vec![city.to_owned(), street.to_owned(), marked("д.", house)];
    parts.extend(building.map(|b| marked("корп.", b)));
    parts.extend(apartment.map(|a| marked("кв.", a)));
    parts.join(", ")
}

/// Street types and their canonical short form; a street without one is an «ул».
const STREET_TYPES: &[(&str, &[&str])] = &[
    ("ул", &["ул", "улица", "у"]),
    ("пр-кт", &["пр", "пр-кт", "пр-т", "просп", "проспект"]),
    ("пер", &["пер", "переулок"]),
    ("б-р", &["б-р", "бул", "бульв", "бульвар"]),
    ("ш", &["ш", "шоссе"]),
    ("пл", &["пл", "площадь"]),
    ("проезд", &["проезд", "пр-д"]),
    ("наб", &["наб", "набережная"]),
    ("мкр", &["мкр", "мкрн", "микрорайон"]),
    ("туп", &["туп", "тупик"]),
    ("кв-л", &["кв-л", "квартал"]),
];
const CITY_WORDS: &[&str] = &["г", "гор", "город"];
const HOUSE_WORDS: &[&str] = &["д", "дом"];
const BUILDING_WORDS: &[&str] = &["к", "корп", "корпус", "стр", "строение"];
const APARTMENT_WORDS: &[&str] = &["кв", "квартира", "к", "комн", "комната"];

/// Lower case, ё → е, punctuation → spaces (hyphens and slashes stay), single spaces.
fn clean(value: &str) -> String {
    let mapped: String = value
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            '.' | ',' | ';' | ':' | '"' | '\'' | '«' | '»' | '(' | ')' | '№' | '#' | '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Latin letters that look Cyrillic, as they turn up in house numbers («12a» typed in Latin).
fn cyrillic_lookalikes(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            'a' => 'а',
            'b' => 'б',
            'v' => 'в',
            'g' => 'г',
            'd' => 'д',
            'e' => 'е',
            'k' => 'к',
            'm' => 'м',
            'h' => 'н',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            't' => 'т',
            'y' => 'у',
            'x' => 'х',
            c => c,
        })
        .collect()
}

/// Drops marker words («д», «кв») at the start, including glued forms («д12», «кв5»).
fn strip_markers(value: &str, words: &[&str]) -> String {
    let mut tokens: Vec<&str> = value.split(' ').filter(|t| !t.is_empty()).collect();
    while let Some(first) = tokens.first() {
        if words.contains(first) {
            tokens.remove(0);
            continue;
        }
        break;
    }
    let joined = tokens.join("");
    for word in words {
        if let Some(rest) = joined.strip_prefix(word)
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            return rest.to_owned();
        }
    }
    joined
}

fn city_key(city: &str) -> String {
    let cleaned = clean(city);
    let tokens: Vec<&str> = cleaned.split(' ').filter(|t| !CITY_WORDS.contains(t)).collect();
    tokens.join(" ")
}

fn street_key(street: &str) -> String {
    let cleaned = clean(street);
    let mut tokens: Vec<&str> = cleaned.split(' ').filter(|t| !t.is_empty()).collect();
    let canonical = |token: &str| STREET_TYPES.iter().find(|(_, words)| words.contains(&token)).map(|(c, _)| *c);
    let mut kind = "ул";
    if tokens.len() == 1 && canonical(tokens[0]).is_some() {
        return format!("{kind} ");
    }
    if tokens.len() > 1 {
        if let Some(c) = tokens.first().and_then(|t| canonical(t)) {
            kind = c;
            tokens.remove(0);
        } else if let Some(c) = tokens.last().and_then(|t| canonical(t)) {
            kind = c;
            tokens.pop();
        }
    }
    format!("{kind} {}", tokens.join(" "))
}

/// House, with a building glued to it («12к2», «12 корп 2») split off.
fn house_key(house: &str) -> (String, Option<String>) {
    let cleaned = cyrillic_lookalikes(&clean(house));
    let body = strip_markers(&cleaned, HOUSE_WORDS);
    for word in ["корпус", "корп", "строение", "стр", "к"] {
        if let Some(at) = body.find(word) {
            let (number, building) = body.split_at(at);
            let building = &building[word.len()..];
            if !number.is_empty() && number.starts_with(|c: char| c.is_ascii_digit()) && building.starts_with(|c: char| c.is_ascii_digit())
            {
                return (number.to_owned(), Some(building.to_owned()));
            }
        }
    }
    (body, None)
}

fn part_key(value: Option<&str>, words: &[&str]) -> Option<String> {
    let cleaned = cyrillic_lookalikes(&clean(value?));
    let key = strip_markers(&cleaned, words);
    (!key.is_empty()).then_some(key)
}

/// Why an address cannot be used, by field.
pub type AddressErrors = Vec<(&'static str, &'static str)>;

impl Address {
    /// The normalised key of the dwelling: two addresses with the same key are the same premises.
    pub fn key(&self) -> Result<String, AddressErrors> {
        let mut errors = Vec::new();
        let city = city_key(&self.city);
        let street = street_key(&self.street);
        let (house, glued_building) = house_key(&self.house);
        let building = part_key(self.building.as_deref(), BUILDING_WORDS).or(glued_building);
        let apartment = part_key(self.apartment.as_deref(), APARTMENT_WORDS);
        if city.is_empty() {
            errors.push(("city", "is empty"));
        }
        if street.trim_start_matches(|c: char| !c.is_whitespace()).trim().is_empty() {
            errors.push(("street", "has no street name"));
        }
        if house.is_empty() {
            errors.push(("house", "is empty"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(format!("{city}|{street}|{house}|{}|{}", building.unwrap_or_default(), apartment.unwrap_or_default()))
    }

    /// The address with whitespace tidied, for display.
    pub fn tidy(&self) -> Self {
        let tidy = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let optional = |s: &Option<String>| s.as_deref().map(tidy).filter(|s| !s.is_empty());
        Self {
            city: tidy(&self.city),
            street: tidy(&self.street),
            house: tidy(&self.house),
            building: optional(&self.building),
            apartment: optional(&self.apartment),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_marks_numbers_and_leaves_names() {
        assert_eq!(line("г. Абакан", "ул. Ленина", "12", Some("2"), Some("5")), "г. Абакан, ул. Ленина, д. 12, корп. 2, кв. 5");
        assert_eq!(line("Абакан", "ул. Мира", "Усадьба", None, Some("Лит. А")), "Абакан, ул. Мира, Усадьба, Лит. А");
    }

    fn a(city: &str, street: &str, house: &str, building: Option<&str>, apartment: Option<&str>) -> Address {
        Address {
            city: city.into(),
            street: street.into(),
            house: house.into(),
            building: building.map(Into::into),
            apartment: apartment.map(Into::into),
        }
    }

    #[test]
    fn one_dwelling_written_five_ways() {
        let ways = [
            a("Абакан", "ул. Ленина", "12", None, Some("5")),
            a("г. Абакан", "улица  Ленина", "д. 12", None, Some("кв. 5")),
            a("АБАКАН", "Ленина ул", "дом 12", None, Some("квартира 5")),
            a("г.Абакан", "Ленина", " 12 ", None, Some("кв5")),
            a("город Абакан", "ул.Ленина", "д12", Some(""), Some(" 5 ")),
        ];
        let keys: Vec<String> = ways.iter().map(|w| w.key().unwrap()).collect();
        assert!(keys.iter().all(|k| k == &keys[0]), "{keys:?}");
        assert_eq!(keys[0], "абакан|ул ленина|12||5");
    }

    #[test]
    fn yo_letters_buildings_and_lookalikes() {
        let one = a("Абакан", "ул. Щорса", "12А", Some("корп. 2"), None).key().unwrap();
        assert_eq!(one, a("абакан", "Щорса", "12 a", Some("2"), None).key().unwrap());
        assert_eq!(one, a("абакан", "Щорса", "д. 12а к2", None, None).key().unwrap());
        assert_eq!(a("Абакан", "ул. Гёте", "1", None, None).key(), a("Абакан", "Гете", "1", None, None).key());
    }

    #[test]
    fn different_dwellings_stay_apart() {
        let base = a("Абакан", "ул. Ленина", "12", None, Some("5")).key().unwrap();
        assert_ne!(base, a("Абакан", "ул. Ленина", "12", None, Some("6")).key().unwrap());
        assert_ne!(base, a("Абакан", "пр-кт Ленина", "12", None, Some("5")).key().unwrap());
        assert_ne!(base, a("Абакан", "ул. Ленина", "12а", None, Some("5")).key().unwrap());
        assert_ne!(base, a("Черногорск", "ул. Ленина", "12", None, Some("5")).key().unwrap());
        assert_ne!(base, a("Абакан", "ул. Ленина", "12", None, None).key().unwrap());
    }

    #[test]
    fn empty_parts_are_refused() {
        let errors = a(" г. ", "ул.", "д.", None, None).key().unwrap_err();
        assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), ["city", "street", "house"]);
    }
}
