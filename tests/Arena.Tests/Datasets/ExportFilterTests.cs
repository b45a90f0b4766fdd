using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Datasets;
using static Arena.Tests.Datasets.Conversations;

namespace Arena.Tests.Datasets;

public sealed class ExportFilterTests
{
    // s1: red-a vs blue-a, 4 turns, SQL injection (CWE-89) in turn 1.   s2: red-b vs blue-a, 2 turns, defense success.
    // s3: red-a vs blue-b, 6 turns, security event.                     s4: blue-c vs red-a in tournament u, 3 turns, unlabeled.
    private static readonly SessionRecord S1 = Session("red-a", "blue-a", 0, "a", "b", "c", "d");
    private static readonly SessionRecord S2 = Session("red-b", "blue-a", 0, "a", "b");
    private static readonly SessionRecord S3 = Session("red-a", "blue-b", 0, "a", "b", "c", "d", "e", "f");
    private static readonly SessionRecord S4 = Session("u", "blue-c", "red-a", 0, SessionStatus.Completed, "a", "b", "c");

    private static readonly (string Name, SessionRecord Session, ConversationLabel? Label)[] All =
        [("s1", S1, Vulnerable(S1, 1)), ("s2", S2, Safe(S2)), ("s3", S3, SecurityEvent(S3)), ("s4", S4, null)];

    private static string Select(string filter)
    {
        var f = ExportFilter.Parse(filter);
        return string.Join(",", All.Where(c => f.Matches(c.Session, c.Label)).Select(c => c.Name));
    }

    [Theory]
    [InlineData("attacker=red-a", "s1,s3")]
    [InlineData("defender=blue-a", "s1,s2")]
    [InlineData("team=red-a", "s1,s3,s4")]
    [InlineData("tournament=u", "s4")]
    [InlineData("label=attack_success", "s1,s3")]
    [InlineData("label=unlabeled", "s4")]
    [InlineData("label=attack_success|unlabeled", "s1,s3,s4")]
    [InlineData("label!=attack_success|unlabeled", "s2")]
    [InlineData("vulnerable=true", "s1")]
    [InlineData("vulnerable=false", "s2,s3")]
    [InlineData("vulnerable!=true", "s2,s3")]
    [InlineData("not vulnerable=true", "s2,s3,s4")]
    [InlineData("security_event=true", "s3")]
    [InlineData("category=sql-injection", "s1")]
    [InlineData("category!=sql-injection", "s2,s3")]
    [InlineData("cwe=CWE-89", "s1")]
    [InlineData("turns>=4", "s1,s3")]
    [InlineData("turns>4", "s3")]
    [InlineData("turns<3", "s2")]
    [InlineData("turns<=3", "s2,s4")]
    [InlineData("turns=3", "s4")]
    [InlineData("turns!=4", "s2,s3,s4")]
    [InlineData("attacker=\"red-a\"", "s1,s3")]
    [InlineData("attacker='red-a|red-b'", "")] // quoted: literal, no alternatives
    [InlineData("  turns >= 4  and   label = attack_success ", "s1,s3")]
    public void Each_field_and_operator_selects_what_it_names(string filter, string expected) => Assert.Equal(expected, Select(filter));

    [Theory]
    // and binds tighter than or: red-b or (red-a and 6 turns); the other grouping would give s3 alone.
    [InlineData("attacker=red-b or attacker=red-a and turns>=6", "s2,s3")]
    [InlineData("(attacker=red-b or attacker=red-a) and turns>=6", "s3")]
    // not binds tighter than and: (not red-a) and ≥3 turns; not(red-a and ≥3) would add s2.
    [InlineData("not attacker=red-a and turns>=3", "s4")]
    [InlineData("not (attacker=red-a and turns>=3)", "s2,s4")]
    [InlineData("not not label=unlabeled", "s4")]
    [InlineData("label=defense_success or label=unlabeled or category=sql-injection", "s1,s2,s4")]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or(string filter, string expected) => Assert.Equal(expected, Select(filter));

    [Fact]
    public void A_quoted_value_may_hold_spaces_keywords_and_escaped_quotes()
    {
        var s = Session("red a", "x\"y", 0, "a", "b");
        Assert.True(ExportFilter.Parse("attacker=\"red a\" and defender='x\"y'").Matches(s, null));
        Assert.True(ExportFilter.Parse("defender=\"x\\\"y\"").Matches(s, null));
        Assert.False(ExportFilter.Parse("attacker=\"and\"").Matches(s, null));
    }

    [Theory]
    [InlineData("", 1, "expected a condition (field op value), 'not' or '('")]
    [InlineData("turns>=", 8, "expected a value after '>='")]
    [InlineData("label=attack_success and turns>= and", 34, "expected a value after '>=', found 'and'")]
    [InlineData("colour=red", 1, "unknown field 'colour'")]
    [InlineData("attacker red", 10, "expected an operator (= != < <= > >=) after 'attacker', found 'red'")]
    [InlineData("attacker<red", 9, "expected '=' or '!=' after 'attacker'")]
    [InlineData("turns=four", 7, "expected a whole number of turns, found 'four'")]
    [InlineData("turns>-1", 7, "expected a whole number of turns")]
    [InlineData("label=won", 7, "expected attack_success or defense_success or unlabeled for label, found 'won'")]
    [InlineData("vulnerable=yes", 12, "expected true or false for vulnerable, found 'yes'")]
    [InlineData("(attacker=a", 12, "expected ')' to close the '(' at 1")]
    [InlineData("attacker=a)", 11, "unmatched ')'")]
    [InlineData("attacker=a red", 12, "expected 'and', 'or' or the end, found 'red'")]
    [InlineData("attacker=\"red", 10, "unterminated quoted value")]
    [InlineData("attacker!red", 9, "expected '!='")]
    [InlineData("attacker==red", 9, "expected '=' (comparison is a single '=')")]
    [InlineData("attacker=a and", 15, "expected a condition")]
    [InlineData("attacker=a|", 10, "expected a value on both sides of '|'")]
    [InlineData("attacker=and", 10, "expected a value after '=', found 'and'")]
    [InlineData("attacker=a & b", 12, "unexpected character '&'")]
    [InlineData("not", 4, "expected a condition")]
    [InlineData("and attacker=a", 1, "expected a field name, found 'and'")]
    [InlineData(")", 1, "expected a field name, found ')'")]
    public void Errors_name_the_column_and_what_was_expected(string filter, int column, string what)
    {
        var e = Assert.Throws<FilterSyntaxException>(() => ExportFilter.Parse(filter));
        Assert.Equal(column, e.Column);
        Assert.StartsWith($"at {column}: ", e.Message);
        Assert.Contains(what, e.Message);
    }
}
