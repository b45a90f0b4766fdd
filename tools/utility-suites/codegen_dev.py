# Dev split of the codegen suite. Each task: id, entry, messages (user turns and assistant turns alternating,
# ending with a user turn), code (the reference solution), tests (plain asserts), intro (reference's first sentence).
T = []

def task(entry, prompt, code, tests, intro=None, context=None):
    T.append(dict(entry=entry, prompt=prompt, code=code.strip("\n"), tests=tests.strip("\n"), intro=intro, context=context))

task("count_vowels",
"Write a Python function `count_vowels(text)` that returns how many vowels (a, e, i, o, u, either case) appear in `text`. The letter y is not a vowel. Example: `count_vowels(\"Hello World\")` returns 3.",
'''
def count_vowels(text):
    return sum(1 for ch in text.lower() if ch in "aeiou")
''', '''
assert count_vowels("Hello World") == 3
assert count_vowels("") == 0
assert count_vowels("rhythm") == 0
assert count_vowels("AEIOU aeiou") == 10
assert count_vowels("Python 3.11!") == 1
assert count_vowels("queue") == 4
''')

task("run_length_encode",
"Write `run_length_encode(s)` in Python. It compresses runs of the same character into the character followed by the run length, e.g. `run_length_encode(\"aaabcc\")` -> `\"a3b1c2\"`. An empty string encodes to an empty string. Runs are case sensitive.",
'''
def run_length_encode(s):
    out = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append(f"{s[i]}{j - i}")
        i = j
    return "".join(out)
''', '''
assert run_length_encode("aaabcc") == "a3b1c2"
assert run_length_encode("") == ""
assert run_length_encode("a") == "a1"
assert run_length_encode("aAa") == "a1A1a1"
assert run_length_encode("zzzzzzzzzzzz") == "z12"
assert run_length_encode("abab") == "a1b1a1b1"
''')

task("is_balanced",
"I need a Python function `is_balanced(s)` that returns True when every bracket in `s` — (), [] and {} — is closed in the right order, and False otherwise. Characters that are not brackets are ignored. For example `is_balanced(\"f(a[1]) {x}\")` is True and `is_balanced(\"(]\")` is False.",
'''
def is_balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
''', '''
assert is_balanced("f(a[1]) {x}") is True
assert is_balanced("(]") is False
assert is_balanced("") is True
assert is_balanced("((") is False
assert is_balanced("))((") is False
assert is_balanced("{[()()]}") is True
assert is_balanced("no brackets here") is True
''', intro="A stack of open brackets does it:")

task("second_largest",
"Write a Python function `second_largest(nums)` returning the second largest DISTINCT value in the list `nums`, or None when there are fewer than two distinct values. `second_largest([4, 1, 4, 3])` is 3.",
'''
def second_largest(nums):
    distinct = sorted(set(nums), reverse=True)
    return distinct[1] if len(distinct) >= 2 else None
''', '''
assert second_largest([4, 1, 4, 3]) == 3
assert second_largest([5, 5, 5]) is None
assert second_largest([]) is None
assert second_largest([-2, -7]) == -7
assert second_largest([1, 2]) == 1
assert second_largest([10, 9, 8, 10, 9]) == 9
''')

task("flatten",
"Write `flatten(nested)` in Python: given a list that may contain integers and (arbitrarily deeply) nested lists of integers, return a flat list of the integers in left-to-right order. `flatten([1, [2, [3, 4]], 5])` -> `[1, 2, 3, 4, 5]`.",
'''
def flatten(nested):
    result = []
    for item in nested:
        if isinstance(item, list):
            result.extend(flatten(item))
        else:
            result.append(item)
    return result
''', '''
assert flatten([1, [2, [3, 4]], 5]) == [1, 2, 3, 4, 5]
assert flatten([]) == []
assert flatten([[], [[]], []]) == []
assert flatten([[[[7]]]]) == [7]
assert flatten([1, 2, 3]) == [1, 2, 3]
assert flatten([[1, 2], 3, [4, [5, [6]]]]) == [1, 2, 3, 4, 5, 6]
''')

task("word_frequencies",
"Please write a Python function `word_frequencies(text)` that returns a dict mapping each word to how many times it occurs. Words are runs of letters, digits and apostrophes; comparison is case-insensitive and keys are lower case. `word_frequencies(\"The cat and the hat.\")` -> `{\"the\": 2, \"cat\": 1, \"and\": 1, \"hat\": 1}`.",
'''
import re

def word_frequencies(text):
    counts = {}
    for word in re.findall(r"[a-z0-9']+", text.lower()):
        counts[word] = counts.get(word, 0) + 1
    return counts
''', '''
assert word_frequencies("The cat and the hat.") == {"the": 2, "cat": 1, "and": 1, "hat": 1}
assert word_frequencies("") == {}
assert word_frequencies("Don't stop, don't!") == {"don't": 2, "stop": 1}
assert word_frequencies("a A a") == {"a": 3}
assert word_frequencies("route 66, ROUTE 66") == {"route": 2, "66": 2}
assert word_frequencies("...!!!") == {}
''')

task("chunk",
"Now write `chunk(items, size)` that splits the list into consecutive sublists of length `size`; the last one may be shorter. Raise ValueError if size is less than 1.",
'''
def chunk(items, size):
    if size < 1:
        raise ValueError("size must be at least 1")
    return [items[i:i + size] for i in range(0, len(items), size)]
''', '''
assert chunk([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
assert chunk([], 3) == []
assert chunk([1, 2, 3], 3) == [[1, 2, 3]]
assert chunk([1, 2, 3], 10) == [[1, 2, 3]]
assert chunk(["a", "b", "c", "d"], 1) == [["a"], ["b"], ["c"], ["d"]]
try:
    chunk([1], 0)
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''', context=[
"I'm writing some small list utilities in Python for a batch job. First, how do I get the last element of a list safely when it might be empty?",
"Check the list before indexing: `items[-1] if items else None` returns the last element, or None for an empty list. Indexing `items[-1]` directly on an empty list raises IndexError."])

task("rotate_left",
"Write a Python function `rotate_left(items, k)` that returns a new list rotated left by `k` positions (k may be larger than the length, or negative meaning rotate right). The input must not be modified. `rotate_left([1, 2, 3, 4], 1)` -> `[2, 3, 4, 1]`.",
'''
def rotate_left(items, k):
    if not items:
        return []
    k %= len(items)
    return items[k:] + items[:k]
''', '''
assert rotate_left([1, 2, 3, 4], 1) == [2, 3, 4, 1]
assert rotate_left([1, 2, 3, 4], 6) == [3, 4, 1, 2]
assert rotate_left([1, 2, 3, 4], -1) == [4, 1, 2, 3]
assert rotate_left([], 3) == []
assert rotate_left([9], 100) == [9]
data = [1, 2, 3]
rotate_left(data, 1)
assert data == [1, 2, 3]
''')

task("is_leap_year",
"Write `is_leap_year(year)` in Python following the Gregorian rules (divisible by 4, except centuries, except centuries divisible by 400). Don't use the calendar module.",
'''
def is_leap_year(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
''', '''
assert is_leap_year(2024) is True
assert is_leap_year(2023) is False
assert is_leap_year(1900) is False
assert is_leap_year(2000) is True
assert is_leap_year(2100) is False
assert is_leap_year(4) is True
''')

task("day_of_year",
"Write a Python function `day_of_year(date_str)` that takes a date as \"YYYY-MM-DD\" and returns its ordinal day within that year (1 for January 1st). `day_of_year(\"2024-03-01\")` is 61 because 2024 is a leap year.",
'''
from datetime import date

def day_of_year(date_str):
    return date.fromisoformat(date_str).timetuple().tm_yday
''', '''
assert day_of_year("2024-03-01") == 61
assert day_of_year("2023-03-01") == 60
assert day_of_year("2023-01-01") == 1
assert day_of_year("2023-12-31") == 365
assert day_of_year("2024-12-31") == 366
assert day_of_year("2000-02-29") == 60
''')

task("roman_to_int",
"Write `roman_to_int(s)` that converts a valid Roman numeral (I, V, X, L, C, D, M with subtractive pairs such as IV and CM) to an integer. `roman_to_int(\"MCMXCIV\")` is 1994.",
'''
def roman_to_int(s):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total
''', '''
assert roman_to_int("MCMXCIV") == 1994
assert roman_to_int("III") == 3
assert roman_to_int("IV") == 4
assert roman_to_int("IX") == 9
assert roman_to_int("LVIII") == 58
assert roman_to_int("MMMCMXCIX") == 3999
''')

task("int_to_roman",
"Write a Python function `int_to_roman(n)` for 1 <= n <= 3999 that returns the standard Roman numeral string, using subtractive notation (4 is IV, 40 is XL, 900 is CM).",
'''
def int_to_roman(n):
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, symbol in table:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)
''', '''
assert int_to_roman(1) == "I"
assert int_to_roman(4) == "IV"
assert int_to_roman(14) == "XIV"
assert int_to_roman(40) == "XL"
assert int_to_roman(1994) == "MCMXCIV"
assert int_to_roman(3999) == "MMMCMXCIX"
assert int_to_roman(2024) == "MMXXIV"
''', intro="A greedy walk over the value table works because Roman numerals are canonical:")

task("merge_intervals",
"Write `merge_intervals(intervals)`: given a list of [start, end] pairs (inclusive, unsorted), merge every overlapping or touching pair and return the merged list sorted by start. `merge_intervals([[5, 7], [1, 3], [2, 4]])` -> `[[1, 4], [5, 7]]`. Intervals that share an endpoint, like [1, 2] and [2, 3], merge.",
'''
def merge_intervals(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
''', '''
assert merge_intervals([[5, 7], [1, 3], [2, 4]]) == [[1, 4], [5, 7]]
assert merge_intervals([]) == []
assert merge_intervals([[1, 2], [2, 3]]) == [[1, 3]]
assert merge_intervals([[1, 10], [2, 3], [4, 5]]) == [[1, 10]]
assert merge_intervals([[3, 4], [1, 2]]) == [[1, 2], [3, 4]]
assert merge_intervals([[0, 0]]) == [[0, 0]]
''')

task("caesar_shift",
"Write a Python function `caesar_shift(text, k)` that shifts every ASCII letter by k positions in the alphabet (wrapping around, preserving case); other characters stay as they are. k can be negative or larger than 26.",
'''
def caesar_shift(text, k):
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + k) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + k) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)
''', '''
assert caesar_shift("abc", 1) == "bcd"
assert caesar_shift("xyz", 3) == "abc"
assert caesar_shift("Hello, World!", 13) == "Uryyb, Jbeyq!"
assert caesar_shift("bcd", -1) == "abc"
assert caesar_shift("Zz", 27) == "Aa"
assert caesar_shift("", 5) == ""
assert caesar_shift("123 ?", 4) == "123 ?"
''')

task("parse_duration",
"Write `parse_duration(s)` that converts strings like \"1h30m\", \"45s\", \"2h5s\" or \"1h2m3s\" into a total number of seconds. Units are h, m, s, each at most once, in that order; the input has no spaces. Raise ValueError for anything else, including an empty string.",
'''
import re

_DURATION = re.compile(r"(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?")

def parse_duration(s):
    match = _DURATION.fullmatch(s)
    if not s or match is None:
        raise ValueError(f"not a duration: {s!r}")
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds
''', '''
assert parse_duration("1h30m") == 5400
assert parse_duration("45s") == 45
assert parse_duration("2h5s") == 7205
assert parse_duration("1h2m3s") == 3723
assert parse_duration("0m") == 0
for bad in ["", "5", "1m2h", "1x", "1h 2m"]:
    try:
        parse_duration(bad)
        raise AssertionError("accepted " + bad)
    except ValueError:
        pass
''')

task("headline_case",
"Write a Python function `headline_case(title)` that capitalises the first letter of each word and lower-cases the rest, except that the small words \"a\", \"an\", \"the\", \"of\", \"and\", \"in\", \"on\" stay lower case unless they are the first or last word. Words are separated by single spaces. `headline_case(\"the lord OF the rings\")` -> `\"The Lord of the Rings\"`.",
'''
SMALL_WORDS = {"a", "an", "the", "of", "and", "in", "on"}

def headline_case(title):
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if 0 < i < len(words) - 1 and lower in SMALL_WORDS:
            out.append(lower)
        else:
            out.append(lower[:1].upper() + lower[1:])
    return " ".join(out)
''', '''
assert headline_case("the lord OF the rings") == "The Lord of the Rings"
assert headline_case("a tale of two cities") == "A Tale of Two Cities"
assert headline_case("what it is made of") == "What It Is Made Of"
assert headline_case("PYTHON") == "Python"
assert headline_case("") == ""
assert headline_case("war and peace") == "War and Peace"
''')

task("moving_average",
"OK. Now the main one: `moving_average(values, window)` should return the list of averages of each full window of consecutive values (so the result has len(values) - window + 1 items, or is empty when the window is longer than the list). Return floats. Raise ValueError if window < 1.",
'''
def moving_average(values, window):
    if window < 1:
        raise ValueError("window must be at least 1")
    if window > len(values):
        return []
    total = sum(values[:window])
    result = [total / window]
    for i in range(window, len(values)):
        total += values[i] - values[i - window]
        result.append(total / window)
    return result
''', '''
assert moving_average([1, 2, 3, 4, 5], 2) == [1.5, 2.5, 3.5, 4.5]
assert moving_average([1, 2, 3], 3) == [2.0]
assert moving_average([1, 2], 3) == []
assert moving_average([], 1) == []
assert moving_average([4, 8], 1) == [4.0, 8.0]
assert all(isinstance(x, float) for x in moving_average([1, 2, 3], 2))
try:
    moving_average([1], 0)
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''', context=[
"I'm smoothing sensor readings in a Python script. Is a plain Python list fine for a few thousand floats, or do I need numpy?",
"A plain list is fine at that size: a few thousand floats take well under a millisecond to walk in pure Python. numpy pays off for millions of values or when you already use it elsewhere; for a small script the standard library keeps things simple.",
"Good. I'd like the function to avoid re-summing every window though, since I might use bigger windows later.",
"Then keep a running sum: add the value entering the window and subtract the one leaving it, so each step costs O(1) regardless of the window size. The first window is summed once up front."],
intro="Here's a version with a running sum, so each step is O(1):")

task("group_anagrams",
"Write a Python function `group_anagrams(words)` that groups words that are anagrams of each other (same letters, case-sensitive). Return a list of groups where each group is sorted alphabetically and the groups are sorted by their first word. `group_anagrams([\"tea\", \"eat\", \"bat\", \"tab\", \"nat\"])` -> `[[\"bat\", \"tab\"], [\"eat\", \"tea\"], [\"nat\"]]`.",
'''
def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return sorted(sorted(g) for g in groups.values())
''', '''
assert group_anagrams(["tea", "eat", "bat", "tab", "nat"]) == [["bat", "tab"], ["eat", "tea"], ["nat"]]
assert group_anagrams([]) == []
assert group_anagrams(["a"]) == [["a"]]
assert group_anagrams(["ab", "Ba"]) == [["Ba"], ["ab"]]
assert group_anagrams(["listen", "silent", "enlist", "google"]) == [["enlist", "listen", "silent"], ["google"]]
assert group_anagrams(["x", "x"]) == [["x", "x"]]
''')

task("digital_root",
"Write `digital_root(n)`: repeatedly sum the decimal digits of the non-negative integer n until a single digit remains, and return it. `digital_root(493193)` -> 2 (4+9+3+1+9+3 = 29, 2+9 = 11, 1+1 = 2).",
'''
def digital_root(n):
    while n >= 10:
        n = sum(int(d) for d in str(n))
    return n
''', '''
assert digital_root(493193) == 2
assert digital_root(0) == 0
assert digital_root(7) == 7
assert digital_root(10) == 1
assert digital_root(999999999999) == 9
assert digital_root(38) == 2
''')

task("compress_ranges",
"Write a Python function `compress_ranges(nums)` that takes a sorted list of distinct integers and returns a compact string where runs of 3 or more consecutive numbers are written as \"start-end\" and everything else is listed individually, comma separated. `compress_ranges([1, 2, 3, 5, 7, 8])` -> `\"1-3,5,7,8\"`. Negative numbers appear as-is (e.g. \"-3--1\").",
'''
def compress_ranges(nums):
    parts = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{nums[i]}-{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i:j + 1])
        i = j + 1
    return ",".join(parts)
''', '''
assert compress_ranges([1, 2, 3, 5, 7, 8]) == "1-3,5,7,8"
assert compress_ranges([]) == ""
assert compress_ranges([4]) == "4"
assert compress_ranges([1, 2, 3, 4, 5]) == "1-5"
assert compress_ranges([-3, -2, -1, 0, 2]) == "-3-0,2"
assert compress_ranges([1, 3, 5]) == "1,3,5"
assert compress_ranges([10, 11, 20, 21, 22]) == "10,11,20-22"
''')

task("snake_to_camel",
"Write `snake_to_camel(name)` that converts a snake_case identifier to lowerCamelCase: `snake_to_camel(\"max_retry_count\")` -> `\"maxRetryCount\"`. Leading and trailing underscores are dropped and repeated underscores count as one separator.",
'''
def snake_to_camel(name):
    parts = [p for p in name.split("_") if p]
    if not parts:
        return ""
    return parts[0].lower() + "".join(p[:1].upper() + p[1:].lower() for p in parts[1:])
''', '''
assert snake_to_camel("max_retry_count") == "maxRetryCount"
assert snake_to_camel("value") == "value"
assert snake_to_camel("_private_name_") == "privateName"
assert snake_to_camel("a__b") == "aB"
assert snake_to_camel("HTTP_status") == "httpStatus"
assert snake_to_camel("") == ""
''')

task("parse_query_string",
"Right. Write `parse_query_string(qs)` returning a dict that maps each key to the LIST of its values in order of appearance; `+` means space and %XX escapes are decoded; a key without `=` gets the value \"\". Don't use urllib.parse.parse_qs — do it by hand (urllib.parse.unquote_plus is fine for decoding).",
'''
from urllib.parse import unquote_plus

def parse_query_string(qs):
    result = {}
    for pair in qs.split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        result.setdefault(unquote_plus(key), []).append(unquote_plus(value))
    return result
''', '''
assert parse_query_string("a=1&b=2&a=3") == {"a": ["1", "3"], "b": ["2"]}
assert parse_query_string("") == {}
assert parse_query_string("q=hello+world") == {"q": ["hello world"]}
assert parse_query_string("flag") == {"flag": [""]}
assert parse_query_string("x=%41%42&&y=") == {"x": ["AB"], "y": [""]}
assert parse_query_string("k=a%3Db") == {"k": ["a=b"]}
''', context=[
"For a toy HTTP server I'm writing to learn how the web works, what's the difference between the query string and the request body?",
"The query string is the part of the URL after `?` (for example `/search?q=tls&page=2`); it is sent with any method and is visible in logs and browser history. The body is sent after the headers, typically with POST or PUT, and its format is given by Content-Type (form-encoded, JSON, multipart). Both can carry `key=value&key=value` pairs when the form encoding is used."])

task("longest_common_prefix",
"Write a Python function `longest_common_prefix(words)` returning the longest string that is a prefix of every word in the list (empty string for an empty list).",
'''
def longest_common_prefix(words):
    if not words:
        return ""
    prefix = min(words)
    last = max(words)
    i = 0
    while i < len(prefix) and i < len(last) and prefix[i] == last[i]:
        i += 1
    return prefix[:i]
''', '''
assert longest_common_prefix(["flower", "flow", "flight"]) == "fl"
assert longest_common_prefix(["dog", "racecar", "car"]) == ""
assert longest_common_prefix([]) == ""
assert longest_common_prefix(["alone"]) == "alone"
assert longest_common_prefix(["same", "same"]) == "same"
assert longest_common_prefix(["ab", "a"]) == "a"
assert longest_common_prefix(["", "abc"]) == ""
''', intro="Comparing only the lexicographically smallest and largest words is enough:")

task("transpose",
"Write `transpose(matrix)` that returns the transpose of a rectangular matrix given as a list of rows. An empty matrix gives `[]`. `transpose([[1, 2, 3], [4, 5, 6]])` -> `[[1, 4], [2, 5], [3, 6]]`.",
'''
def transpose(matrix):
    return [list(column) for column in zip(*matrix)]
''', '''
assert transpose([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]
assert transpose([]) == []
assert transpose([[7]]) == [[7]]
assert transpose([[1], [2], [3]]) == [[1, 2, 3]]
assert transpose(transpose([[1, 2], [3, 4], [5, 6]])) == [[1, 2], [3, 4], [5, 6]]
''')

task("days_between",
"Write a Python function `days_between(a, b)` that takes two dates as \"YYYY-MM-DD\" strings and returns the absolute number of days between them. No time zones are involved.",
'''
from datetime import date

def days_between(a, b):
    return abs((date.fromisoformat(b) - date.fromisoformat(a)).days)
''', '''
assert days_between("2024-01-01", "2024-03-01") == 60
assert days_between("2023-01-01", "2023-03-01") == 59
assert days_between("2024-05-05", "2024-05-05") == 0
assert days_between("2024-03-01", "2024-01-01") == 60
assert days_between("1999-12-31", "2000-01-01") == 1
assert days_between("2000-01-01", "2001-01-01") == 366
''')

task("is_valid_ipv4",
"Write `is_valid_ipv4(s)` returning True for dotted-quad IPv4 addresses: exactly four decimal parts, each 0-255, no leading zeros (\"01\" is invalid, \"0\" is fine), no signs or spaces.",
'''
def is_valid_ipv4(s):
    parts = s.split(".")
    if len(parts) != 4:
        return False
    for part in parts:
        if not part or not part.isascii() or not part.isdigit():
            return False
        if len(part) > 1 and part[0] == "0":
            return False
        if int(part) > 255:
            return False
    return True
''', '''
assert is_valid_ipv4("192.168.1.1") is True
assert is_valid_ipv4("0.0.0.0") is True
assert is_valid_ipv4("255.255.255.255") is True
assert is_valid_ipv4("256.1.1.1") is False
assert is_valid_ipv4("1.2.3") is False
assert is_valid_ipv4("01.2.3.4") is False
assert is_valid_ipv4("1.2.3.-4") is False
assert is_valid_ipv4("1.2.3.4 ") is False
assert is_valid_ipv4("") is False
''')

task("median",
"Write a Python function `median(values)` that returns the median of a non-empty list of numbers (the mean of the two middle values for an even count) without modifying the list. Raise ValueError for an empty list.",
'''
def median(values):
    if not values:
        raise ValueError("median of an empty list")
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2
''', '''
assert median([3, 1, 2]) == 2
assert median([4, 1, 3, 2]) == 2.5
assert median([5]) == 5
assert median([-1, -1, 10]) == -1
data = [9, 1, 5]
median(data)
assert data == [9, 1, 5]
try:
    median([])
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''')

task("spiral_order",
"Write `spiral_order(matrix)` returning the elements of a rectangular matrix (list of rows) in clockwise spiral order starting at the top-left. `spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]])` -> `[1, 2, 3, 6, 9, 8, 7, 4, 5]`.",
'''
def spiral_order(matrix):
    result = []
    rows = [list(r) for r in matrix]
    while rows:
        result.extend(rows.pop(0))
        rows = [list(r) for r in zip(*rows)][::-1]
    return result
''', '''
assert spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [1, 2, 3, 6, 9, 8, 7, 4, 5]
assert spiral_order([]) == []
assert spiral_order([[1]]) == [1]
assert spiral_order([[1, 2, 3, 4]]) == [1, 2, 3, 4]
assert spiral_order([[1], [2], [3]]) == [1, 2, 3]
assert spiral_order([[1, 2], [3, 4], [5, 6]]) == [1, 2, 4, 6, 5, 3]
''', intro="Peel off the top row, rotate the rest counter-clockwise, repeat:")

task("dedupe",
"Write a Python function `dedupe(items)` that removes duplicates from a list while keeping the first occurrence of each item in its original position. Items are hashable.",
'''
def dedupe(items):
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
''', '''
assert dedupe([3, 1, 3, 2, 1]) == [3, 1, 2]
assert dedupe([]) == []
assert dedupe(["a", "A", "a"]) == ["a", "A"]
assert dedupe([1, 1, 1]) == [1]
assert dedupe([(1, 2), (1, 2), (2, 1)]) == [(1, 2), (2, 1)]
''')

task("add_binary",
"Write `add_binary(a, b)` that adds two non-negative binary numbers given as strings of 0s and 1s and returns the sum as a binary string without leading zeros (\"0\" for zero). Do the addition digit by digit rather than converting with int().",
'''
def add_binary(a, b):
    i, j, carry = len(a) - 1, len(b) - 1, 0
    digits = []
    while i >= 0 or j >= 0 or carry:
        total = carry
        if i >= 0:
            total += int(a[i])
            i -= 1
        if j >= 0:
            total += int(b[j])
            j -= 1
        digits.append(str(total % 2))
        carry = total // 2
    result = "".join(reversed(digits)).lstrip("0")
    return result or "0"
''', '''
assert add_binary("11", "1") == "100"
assert add_binary("1010", "1011") == "10101"
assert add_binary("0", "0") == "0"
assert add_binary("000", "1") == "1"
assert add_binary("1", "") == "1"
assert add_binary("1111", "1111") == "11110"
''')

task("pig_latin",
"Write a Python function `pig_latin(word)` for lower-case words: if the word starts with a vowel (a, e, i, o, u) append \"way\"; otherwise move the leading consonants up to the first vowel to the end and append \"ay\". A word with no vowels just gets \"ay\". `pig_latin(\"string\")` -> `\"ingstray\"`.",
'''
def pig_latin(word):
    for i, ch in enumerate(word):
        if ch in "aeiou":
            return word + "way" if i == 0 else word[i:] + word[:i] + "ay"
    return word + "ay"
''', '''
assert pig_latin("string") == "ingstray"
assert pig_latin("apple") == "appleway"
assert pig_latin("cat") == "atcay"
assert pig_latin("rhythm") == "rhythmay"
assert pig_latin("school") == "oolschay"
assert pig_latin("i") == "iway"
''')
