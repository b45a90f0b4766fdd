# Held-out split of the codegen suite (same shape as codegen_dev.py; no task text shared with dev).

T = []

def task(entry, prompt, code, tests, intro=None, context=None):
    T.append(dict(entry=entry, prompt=prompt, code=code.strip("\n"), tests=tests.strip("\n"), intro=intro, context=context))

task("reverse_words",
"Write a Python function `reverse_words(sentence)` that reverses the order of the words in a sentence. Words are separated by whitespace; the result joins them with single spaces and has no leading or trailing spaces. `reverse_words(\"  the sky  is blue \")` -> `\"blue is sky the\"`.",
'''
def reverse_words(sentence):
    return " ".join(reversed(sentence.split()))
''', '''
assert reverse_words("  the sky  is blue ") == "blue is sky the"
assert reverse_words("hello") == "hello"
assert reverse_words("") == ""
assert reverse_words("   ") == ""
assert reverse_words("a b c") == "c b a"
assert reverse_words("one\\ttwo\\nthree") == "three two one"
''')

task("is_pangram",
"Write `is_pangram(text)`: True when every letter of the English alphabet appears in text at least once, ignoring case and non-letters.",
'''
import string

def is_pangram(text):
    return set(string.ascii_lowercase) <= set(text.lower())
''', '''
assert is_pangram("The quick brown fox jumps over the lazy dog") is True
assert is_pangram("Pack my box with five dozen liquor jugs!") is True
assert is_pangram("Hello world") is False
assert is_pangram("") is False
assert is_pangram("abcdefghijklmnopqrstuvwxy") is False
assert is_pangram("ABCDEFGHIJKLMNOPQRSTUVWXYZ") is True
''')

task("max_subarray_sum",
"Write a Python function `max_subarray_sum(nums)` that returns the largest sum of a non-empty contiguous slice of the list. All-negative lists return their largest element. Raise ValueError for an empty list.",
'''
def max_subarray_sum(nums):
    if not nums:
        raise ValueError("empty list")
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
''', '''
assert max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
assert max_subarray_sum([1]) == 1
assert max_subarray_sum([-3, -1, -2]) == -1
assert max_subarray_sum([5, 4, -1, 7, 8]) == 23
assert max_subarray_sum([0, 0, 0]) == 0
try:
    max_subarray_sum([])
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''', intro="Kadane's algorithm does this in one pass:")

task("pascal_row",
"Write `pascal_row(n)` returning row n (0-based) of Pascal's triangle as a list of ints. `pascal_row(0)` is `[1]`, `pascal_row(4)` is `[1, 4, 6, 4, 1]`.",
'''
def pascal_row(n):
    row = [1]
    for k in range(n):
        row.append(row[-1] * (n - k) // (k + 1))
    return row
''', '''
assert pascal_row(0) == [1]
assert pascal_row(1) == [1, 1]
assert pascal_row(4) == [1, 4, 6, 4, 1]
assert pascal_row(6) == [1, 6, 15, 20, 15, 6, 1]
assert sum(pascal_row(20)) == 2 ** 20
assert pascal_row(30)[15] == 155117520
''')

task("hamming_distance",
"Write a Python function `hamming_distance(a, b)` returning the number of positions at which two equal-length strings differ. Raise ValueError if the lengths differ.",
'''
def hamming_distance(a, b):
    if len(a) != len(b):
        raise ValueError("strings must have the same length")
    return sum(x != y for x, y in zip(a, b))
''', '''
assert hamming_distance("karolin", "kathrin") == 3
assert hamming_distance("", "") == 0
assert hamming_distance("abc", "abc") == 0
assert hamming_distance("0000", "1111") == 4
assert hamming_distance("Ab", "ab") == 1
try:
    hamming_distance("a", "ab")
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''')

task("to_base",
"Write `to_base(n, base)` that converts an integer to its representation in a base between 2 and 36, using digits 0-9 then lower-case letters, with a leading \"-\" for negatives. `to_base(255, 16)` -> `\"ff\"`. Raise ValueError for a base outside 2..36.",
'''
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"

def to_base(n, base):
    if not 2 <= base <= 36:
        raise ValueError("base must be between 2 and 36")
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(DIGITS[r])
    return sign + "".join(reversed(out))
''', '''
assert to_base(255, 16) == "ff"
assert to_base(0, 2) == "0"
assert to_base(5, 2) == "101"
assert to_base(-42, 10) == "-42"
assert to_base(35, 36) == "z"
assert to_base(36, 36) == "10"
for b in (1, 37):
    try:
        to_base(3, b)
        raise AssertionError("expected ValueError")
    except ValueError:
        pass
''')

task("most_common_char",
"Write a Python function `most_common_char(s)` returning the character that occurs most often in s; on a tie, the one that appears first in s wins. Return None for an empty string.",
'''
def most_common_char(s):
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    best = None
    for ch in s:
        if best is None or counts[ch] > counts[best]:
            best = ch
    return best
''', '''
assert most_common_char("hello") == "l"
assert most_common_char("") is None
assert most_common_char("abab") == "a"
assert most_common_char("baab") == "b"
assert most_common_char("zzz") == "z"
assert most_common_char("aAA") == "A"
''')

task("interleave",
"Write `interleave(a, b)` that merges two lists by alternating elements, starting with a; when one list runs out the rest of the other is appended. `interleave([1, 2, 3], [\"x\"])` -> `[1, \"x\", 2, 3]`.",
'''
def interleave(a, b):
    result = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            result.append(a[i])
        if i < len(b):
            result.append(b[i])
    return result
''', '''
assert interleave([1, 2, 3], ["x"]) == [1, "x", 2, 3]
assert interleave([], []) == []
assert interleave([], [1, 2]) == [1, 2]
assert interleave([1, 3], [2, 4]) == [1, 2, 3, 4]
assert interleave(["a"], ["b", "c", "d"]) == ["a", "b", "c", "d"]
''')

task("next_business_day",
"Write a Python function `next_business_day(date_str)` that takes \"YYYY-MM-DD\" and returns the next date (strictly after it) that falls on Monday to Friday, in the same format. Ignore holidays.",
'''
from datetime import date, timedelta

def next_business_day(date_str):
    day = date.fromisoformat(date_str) + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.isoformat()
''', '''
assert next_business_day("2024-06-07") == "2024-06-10"
assert next_business_day("2024-06-08") == "2024-06-10"
assert next_business_day("2024-06-09") == "2024-06-10"
assert next_business_day("2024-06-10") == "2024-06-11"
assert next_business_day("2024-12-31") == "2025-01-01"
assert next_business_day("2024-02-28") == "2024-02-29"
''')

task("add_months",
"Write `add_months(date_str, months)` for \"YYYY-MM-DD\" dates: move the date by a (possibly negative) number of calendar months, clamping the day to the last day of the target month. `add_months(\"2024-01-31\", 1)` -> `\"2024-02-29\"`.",
'''
import calendar
from datetime import date

def add_months(date_str, months):
    d = date.fromisoformat(date_str)
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day).isoformat()
''', '''
assert add_months("2024-01-31", 1) == "2024-02-29"
assert add_months("2023-01-31", 1) == "2023-02-28"
assert add_months("2024-03-15", -3) == "2023-12-15"
assert add_months("2024-05-10", 0) == "2024-05-10"
assert add_months("2024-11-30", 14) == "2026-01-30"
assert add_months("2024-03-31", -1) == "2024-02-29"
''')

task("split_csv_line",
"Write a Python function `split_csv_line(line)` that splits one CSV line on commas, honouring double-quoted fields: commas inside quotes don't split, and a doubled quote inside a quoted field stands for one quote character. Quotes are removed from the result. Don't use the csv module. `split_csv_line('a,\"b,c\",d')` -> `[\"a\", \"b,c\", \"d\"]`.",
'''
def split_csv_line(line):
    fields, current, in_quotes, i = [], [], False, 0
    while i < len(line):
        ch = line[i]
        if in_quotes:
            if ch == '"' and i + 1 < len(line) and line[i + 1] == '"':
                current.append('"')
                i += 1
            elif ch == '"':
                in_quotes = False
            else:
                current.append(ch)
        elif ch == '"':
            in_quotes = True
        elif ch == ",":
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    fields.append("".join(current))
    return fields
''', '''
assert split_csv_line('a,"b,c",d') == ["a", "b,c", "d"]
assert split_csv_line("") == [""]
assert split_csv_line("x,,y") == ["x", "", "y"]
assert split_csv_line('"say ""hi""",2') == ['say "hi"', "2"]
assert split_csv_line("one") == ["one"]
assert split_csv_line('a,') == ["a", ""]
''')

task("count_islands",
"Write `count_islands(grid)` where grid is a list of equal-length strings of '#' (land) and '.' (water). Count groups of land cells connected horizontally or vertically (not diagonally). Use an iterative search so big grids don't hit the recursion limit.",
'''
def count_islands(grid):
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = set()
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "#" or (r, c) in seen:
                continue
            islands += 1
            stack = [(r, c)]
            seen.add((r, c))
            while stack:
                y, x = stack.pop()
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == "#" and (ny, nx) not in seen:
                        seen.add((ny, nx))
                        stack.append((ny, nx))
    return islands
''', '''
assert count_islands(["##..", "#..#", "...#"]) == 2
assert count_islands([]) == 0
assert count_islands(["...."]) == 0
assert count_islands(["#.#", ".#.", "#.#"]) == 5
assert count_islands(["###", "#.#", "###"]) == 1
assert count_islands(["#" * 60] * 60) == 1
''')

task("pairs_with_sum",
"Write a Python function `pairs_with_sum(nums, target)` that returns all unique pairs (a, b) with a <= b, a + b == target, where a and b come from different positions of nums. Return them as a sorted list of tuples. `pairs_with_sum([1, 5, 3, 3, 4, 2], 6)` -> `[(1, 5), (2, 4), (3, 3)]`.",
'''
def pairs_with_sum(nums, target):
    seen = set()
    pairs = set()
    for x in nums:
        y = target - x
        if y in seen:
            pairs.add((min(x, y), max(x, y)))
        seen.add(x)
    return sorted(pairs)
''', '''
assert pairs_with_sum([1, 5, 3, 3, 4, 2], 6) == [(1, 5), (2, 4), (3, 3)]
assert pairs_with_sum([], 4) == []
assert pairs_with_sum([3], 6) == []
assert pairs_with_sum([2, 2, 2], 4) == [(2, 2)]
assert pairs_with_sum([-1, 7, 0, 6], 6) == [(-1, 7), (0, 6)]
''')

task("luhn_valid",
"Write `luhn_valid(number)` that checks a card-number string with the Luhn checksum. Spaces are allowed and ignored; any other non-digit makes it invalid, as does having fewer than two digits.",
'''
def luhn_valid(number):
    digits = number.replace(" ", "")
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
''', '''
assert luhn_valid("4539 3195 0343 6467") is True
assert luhn_valid("8273 1232 7352 0569") is False
assert luhn_valid("0") is False
assert luhn_valid("00") is True
assert luhn_valid("059") is True
assert luhn_valid("055a 444 285") is False
assert luhn_valid("79927398713") is True
''')

task("vigenere_encrypt",
"Write a Python function `vigenere_encrypt(text, key)` implementing the Vigenère cipher over A-Z: the key is letters only (case-insensitive); each letter of text is shifted by the next key letter (A = 0), keeping its case; non-letters are copied and do NOT consume a key letter. Raise ValueError for an empty key.",
'''
def vigenere_encrypt(text, key):
    if not key or not key.isalpha():
        raise ValueError("key must be a non-empty string of letters")
    shifts = [ord(k) - 65 for k in key.upper()]
    out, i = [], 0
    for ch in text:
        if ch.isascii() and ch.isalpha():
            base = 65 if ch.isupper() else 97
            out.append(chr((ord(ch) - base + shifts[i % len(shifts)]) % 26 + base))
            i += 1
        else:
            out.append(ch)
    return "".join(out)
''', '''
assert vigenere_encrypt("ATTACKATDAWN", "LEMON") == "LXFOPVEFRNHR"
assert vigenere_encrypt("attack at dawn", "lemon") == "lxfopv ef rnhr"
assert vigenere_encrypt("Hello, World!", "a") == "Hello, World!"
assert vigenere_encrypt("", "key") == ""
assert vigenere_encrypt("xyz", "b") == "yza"
try:
    vigenere_encrypt("abc", "")
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''')

task("wrap_text",
"Write `wrap_text(text, width)`: greedily pack the whitespace-separated words of text into lines of at most width characters (words joined by one space) and return the list of lines. A single word longer than width goes on its own line unbroken. Empty or blank text gives [].",
'''
def wrap_text(text, width):
    lines, current = [], ""
    for word in text.split():
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines
''', '''
assert wrap_text("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"]
assert wrap_text("", 5) == []
assert wrap_text("   ", 5) == []
assert wrap_text("supercalifragilistic is long", 6) == ["supercalifragilistic", "is", "long"]
assert wrap_text("a b c", 5) == ["a b c"]
assert wrap_text("a b c", 3) == ["a b", "c"]
''')

task("camel_to_snake",
"Write a Python function `camel_to_snake(name)` converting camelCase or PascalCase to snake_case. An acronym run stays together: `camel_to_snake(\"parseHTTPResponse\")` -> `\"parse_http_response\"`, `camel_to_snake(\"UserID\")` -> `\"user_id\"`.",
'''
import re

def camel_to_snake(name):
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\\1_\\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\\1_\\2", s)
    return s.lower()
''', '''
assert camel_to_snake("parseHTTPResponse") == "parse_http_response"
assert camel_to_snake("UserID") == "user_id"
assert camel_to_snake("simple") == "simple"
assert camel_to_snake("getX") == "get_x"
assert camel_to_snake("MyClassName") == "my_class_name"
assert camel_to_snake("version2Update") == "version2_update"
''')

task("bucket_counts",
"Write `bucket_counts(values, size)` that groups numbers into buckets [k*size, (k+1)*size) and returns a dict from each bucket's lower bound to how many values fall in it; only non-empty buckets appear. Negative values work the same way (-1 with size 10 goes in bucket -10).",
'''
def bucket_counts(values, size):
    counts = {}
    for v in values:
        low = (v // size) * size
        counts[low] = counts.get(low, 0) + 1
    return counts
''', '''
assert bucket_counts([1, 5, 12, 19, 20], 10) == {0: 2, 10: 2, 20: 1}
assert bucket_counts([], 5) == {}
assert bucket_counts([-1, -10, -11], 10) == {-10: 2, -20: 1}
assert bucket_counts([0, 0, 0], 1) == {0: 3}
assert bucket_counts([7, 14], 7) == {7: 1, 14: 1}
''')

task("normalize_path",
"Write a Python function `normalize_path(path)` for absolute Unix-style paths: collapse repeated slashes, drop `.` segments, make `..` remove the previous segment (never going above the root), and drop a trailing slash. `normalize_path(\"/a//b/./c/../\")` -> `\"/a/b\"`. The root is \"/\". Don't use os.path or posixpath.",
'''
def normalize_path(path):
    parts = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
        else:
            parts.append(segment)
    return "/" + "/".join(parts)
''', '''
assert normalize_path("/a//b/./c/../") == "/a/b"
assert normalize_path("/") == "/"
assert normalize_path("/../..") == "/"
assert normalize_path("/home/user/docs/") == "/home/user/docs"
assert normalize_path("/a/b/../../c") == "/c"
assert normalize_path("/...") == "/..."
''')

task("fizzbuzz",
"Write `fizzbuzz(n)` returning a list of strings for 1..n: \"Fizz\" for multiples of 3, \"Buzz\" for multiples of 5, \"FizzBuzz\" for both, else the number as a string. n = 0 gives [].",
'''
def fizzbuzz(n):
    out = []
    for i in range(1, n + 1):
        word = ("Fizz" if i % 3 == 0 else "") + ("Buzz" if i % 5 == 0 else "")
        out.append(word or str(i))
    return out
''', '''
assert fizzbuzz(0) == []
assert fizzbuzz(1) == ["1"]
assert fizzbuzz(5) == ["1", "2", "Fizz", "4", "Buzz"]
assert fizzbuzz(15)[-1] == "FizzBuzz"
assert len(fizzbuzz(100)) == 100
assert fizzbuzz(100).count("FizzBuzz") == 6
''')

task("grid_paths",
"Write a Python function `grid_paths(rows, cols)` returning how many paths go from the top-left to the bottom-right cell of a rows x cols grid moving only right or down. A 1x1 grid has 1 path. Must be fast for 30x30.",
'''
def grid_paths(rows, cols):
    row = [1] * cols
    for _ in range(1, rows):
        for c in range(1, cols):
            row[c] += row[c - 1]
    return row[-1]
''', '''
assert grid_paths(1, 1) == 1
assert grid_paths(2, 2) == 2
assert grid_paths(3, 7) == 28
assert grid_paths(7, 3) == 28
assert grid_paths(1, 10) == 1
assert grid_paths(30, 30) == 30067266499541040
''')

task("is_isogram",
"Write `is_isogram(word)`: True when no letter repeats, ignoring case; hyphens and spaces may repeat. `is_isogram(\"six-year-old\")` is True, `is_isogram(\"Alphabet\")` is False.",
'''
def is_isogram(word):
    letters = [ch.lower() for ch in word if ch.isalpha()]
    return len(letters) == len(set(letters))
''', '''
assert is_isogram("six-year-old") is True
assert is_isogram("Alphabet") is False
assert is_isogram("") is True
assert is_isogram("lumberjacks") is True
assert is_isogram("Emily Jung Schwartzkopf") is True
assert is_isogram("isograms") is False
''')

task("format_bytes",
"Now write the formatter: `format_bytes(n)` should render a byte count with binary units B, KiB, MiB, GiB, TiB. Below 1024 it's an integer with \"B\" (e.g. \"512 B\"); otherwise divide by 1024 until below 1024 (stop at TiB) and show one decimal, e.g. \"1.5 KiB\". Raise ValueError for negative input.",
'''
def format_bytes(n):
    if n < 0:
        raise ValueError("byte count cannot be negative")
    if n < 1024:
        return f"{n} B"
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{value:.1f} {unit}"
''', '''
assert format_bytes(0) == "0 B"
assert format_bytes(512) == "512 B"
assert format_bytes(1023) == "1023 B"
assert format_bytes(1024) == "1.0 KiB"
assert format_bytes(1536) == "1.5 KiB"
assert format_bytes(5 * 1024 ** 3) == "5.0 GiB"
assert format_bytes(2048 * 1024 ** 4) == "2048.0 TiB"
try:
    format_bytes(-1)
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''', context=[
"I'm building a disk usage report in Python. Should sizes use KB (1000) or KiB (1024)?",
"Both are legitimate; pick one and label it clearly. Operating systems and tools such as `ls -h` and `du -h` traditionally use powers of 1024, and the unambiguous names for those are KiB, MiB and GiB. Drive vendors and network speeds use powers of 1000 (kB, MB, GB). For a disk usage report compared against `du`, 1024 with the IEC names avoids confusion."])

task("weekday_name",
"Write a Python function `weekday_name(date_str)` returning the English weekday name (\"Monday\"...\"Sunday\") for a \"YYYY-MM-DD\" date. Don't rely on the locale.",
'''
from datetime import date

NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

def weekday_name(date_str):
    return NAMES[date.fromisoformat(date_str).weekday()]
''', '''
assert weekday_name("2024-01-01") == "Monday"
assert weekday_name("2000-01-01") == "Saturday"
assert weekday_name("2024-02-29") == "Thursday"
assert weekday_name("1970-01-01") == "Thursday"
assert weekday_name("2023-12-31") == "Sunday"
''', intro="Using `weekday()` and a fixed table keeps it independent of the locale:")

task("top_k_frequent",
"Write `top_k_frequent(items, k)` returning the k most frequent items, most frequent first; ties are broken by the item's first appearance in the list. If there are fewer than k distinct items, return all of them.",
'''
def top_k_frequent(items, k):
    counts = {}
    first = {}
    for i, item in enumerate(items):
        counts[item] = counts.get(item, 0) + 1
        first.setdefault(item, i)
    ordered = sorted(counts, key=lambda x: (-counts[x], first[x]))
    return ordered[:k]
''', '''
assert top_k_frequent([1, 1, 1, 2, 2, 3], 2) == [1, 2]
assert top_k_frequent([], 3) == []
assert top_k_frequent(["b", "a", "a", "b", "c"], 2) == ["b", "a"]
assert top_k_frequent([4, 5], 5) == [4, 5]
assert top_k_frequent([7, 8, 8], 1) == [8]
assert top_k_frequent([1, 2, 3], 0) == []
''')

task("is_monotonic",
"Write a Python function `is_monotonic(nums)` that returns True if the list is entirely non-increasing or entirely non-decreasing. Empty and single-element lists are monotonic.",
'''
def is_monotonic(nums):
    pairs = list(zip(nums, nums[1:]))
    return all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs)
''', '''
assert is_monotonic([1, 2, 2, 3]) is True
assert is_monotonic([6, 5, 4, 4]) is True
assert is_monotonic([1, 3, 2]) is False
assert is_monotonic([]) is True
assert is_monotonic([5]) is True
assert is_monotonic([2, 2, 2]) is True
assert is_monotonic([1, 1, 0, 1]) is False
''')

task("to_24h",
"Write `to_24h(t)` that converts a 12-hour time such as \"07:05 PM\" or \"12:00 am\" (case-insensitive AM/PM, one space) into 24-hour \"HH:MM\". Raise ValueError for malformed input or out-of-range hours/minutes.",
'''
import re

_TIME = re.compile(r"(\\d{1,2}):(\\d{2}) ([AaPp][Mm])")

def to_24h(t):
    match = _TIME.fullmatch(t)
    if match is None:
        raise ValueError(f"not a 12-hour time: {t!r}")
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3).lower()
    if not 1 <= hour <= 12 or minute > 59:
        raise ValueError(f"out of range: {t!r}")
    hour %= 12
    if half == "pm":
        hour += 12
    return f"{hour:02d}:{minute:02d}"
''', '''
assert to_24h("07:05 PM") == "19:05"
assert to_24h("12:00 am") == "00:00"
assert to_24h("12:30 PM") == "12:30"
assert to_24h("1:15 am") == "01:15"
assert to_24h("11:59 pm") == "23:59"
for bad in ["13:00 PM", "10:60 AM", "10:00", "ten AM", "0:30 AM"]:
    try:
        to_24h(bad)
        raise AssertionError("accepted " + bad)
    except ValueError:
        pass
''')

task("collatz_steps",
"Write a Python function `collatz_steps(n)` returning how many steps of the Collatz rule (n/2 if even, 3n+1 if odd) it takes to reach 1 from the positive integer n. `collatz_steps(1)` is 0. Raise ValueError for n < 1.",
'''
def collatz_steps(n):
    if n < 1:
        raise ValueError("n must be positive")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
''', '''
assert collatz_steps(1) == 0
assert collatz_steps(2) == 1
assert collatz_steps(6) == 8
assert collatz_steps(27) == 111
assert collatz_steps(97) == 118
try:
    collatz_steps(0)
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''')

task("matrix_multiply",
"Yes, let's do it without numpy. Write `matrix_multiply(a, b)` for matrices given as lists of rows; raise ValueError when the column count of a does not match the row count of b.",
'''
def matrix_multiply(a, b):
    if not a or not b or len(a[0]) != len(b):
        raise ValueError("incompatible matrix shapes")
    columns = list(zip(*b))
    return [[sum(x * y for x, y in zip(row, col)) for col in columns] for row in a]
''', '''
assert matrix_multiply([[1, 2], [3, 4]], [[5, 6], [7, 8]]) == [[19, 22], [43, 50]]
assert matrix_multiply([[1, 0], [0, 1]], [[9, 8], [7, 6]]) == [[9, 8], [7, 6]]
assert matrix_multiply([[1, 2, 3]], [[1], [2], [3]]) == [[14]]
assert matrix_multiply([[2]], [[3, 4]]) == [[6, 8]]
try:
    matrix_multiply([[1, 2]], [[1, 2]])
    raise AssertionError("expected ValueError")
except ValueError:
    pass
''', context=[
"I'm teaching an intro linear algebra session and want students to see matrix multiplication written out in plain Python. Is that a reasonable exercise?",
"Yes: writing it by hand makes the row-times-column rule concrete, and it is a good moment to discuss shape checking, since an m x n matrix can only multiply an n x p one. Afterwards you can show the same result with numpy's `@` operator to contrast clarity and speed."])

task("longest_palindrome",
"Write a Python function `longest_palindrome(s)` returning the longest contiguous palindromic substring of s; if several have the maximum length, return the one that starts first. Empty input gives an empty string.",
'''
def longest_palindrome(s):
    best = ""
    for center in range(len(s)):
        for lo, hi in ((center, center), (center, center + 1)):
            while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            candidate = s[lo + 1:hi]
            if len(candidate) > len(best):
                best = candidate
    return best
''', '''
assert longest_palindrome("babad") == "bab"
assert longest_palindrome("cbbd") == "bb"
assert longest_palindrome("") == ""
assert longest_palindrome("a") == "a"
assert longest_palindrome("forgeeksskeegfor") == "geeksskeeg"
assert longest_palindrome("abc") == "a"
''', intro="Expanding around each centre (odd and even lengths) is simple and O(n^2):")

task("initials",
"Write `initials(full_name)` that returns the upper-case initials of each word of a name, joined with dots and ending with a dot: `initials(\"ada lovelace\")` -> `\"A.L.\"`. Hyphenated parts each count (`\"jean-paul sartre\"` -> `\"J.P.S.\"`). Extra whitespace is ignored; an empty name gives \"\".",
'''
import re

def initials(full_name):
    parts = [p for p in re.split(r"[\\s-]+", full_name) if p]
    return "".join(p[0].upper() + "." for p in parts)
''', '''
assert initials("ada lovelace") == "A.L."
assert initials("jean-paul sartre") == "J.P.S."
assert initials("  grace   brewster  hopper ") == "G.B.H."
assert initials("") == ""
assert initials("Plato") == "P."
''')
