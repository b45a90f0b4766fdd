using Arena.Core.Bots;
using Arena.Core.Utility;

namespace Arena.Tests.Utility;

public class SuiteParserTests
{
    // The three example lines of contracts §7 (the codegen one is wrapped over two lines there; JSONL needs one).
    private const string ContractExample =
        """
        {"id": "cg-001", "suite": "codegen", "messages": [{"role": "user", "content": "Write a function …"}], "tests": "assert add(2, 3) == 5\n", "entry_point": "add"}
        {"id": "qa-001", "suite": "cyber-qa", "messages": [{"role": "user", "content": "What is a botnet?"}]}
        {"id": "mt-001", "suite": "multiturn-codegen", "messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}, {"role": "user", "content": "…"}]}
        """;

    private const string Valid = """{"id": "ok-1", "suite": "cyber-qa", "messages": [{"role": "user", "content": "What is MFA?"}]}""";

    [Fact]
    public void Accepts_the_contract_examples()
    {
        var tasks = UtilitySuiteParser.Parse(ContractExample, "contract.jsonl");

        Assert.Equal(["cg-001", "qa-001", "mt-001"], tasks.Select(t => t.Id));
        Assert.Equal([UtilitySuites.Codegen, UtilitySuites.CyberQa, UtilitySuites.MultiturnCodegen], tasks.Select(t => t.Suite));
        Assert.Equal("assert add(2, 3) == 5\n", tasks[0].Tests);
        Assert.Equal("add", tasks[0].EntryPoint);
        Assert.Equal("Write a function …", tasks[0].Messages.Single().Content);
        Assert.Null(tasks[1].Tests);
        Assert.Null(tasks[1].Reference);
        Assert.Equal([Role.Attacker, Role.Defender, Role.Attacker], tasks[2].Messages.Select(m => m.Role));
    }

    [Fact]
    public void Blank_lines_and_CRLF_are_allowed_and_do_not_shift_line_numbers()
    {
        var text = "\r\n" + Valid + "\r\n\r\n   \n" + Valid.Replace("ok-1", "ok-2") + "\r\n" + Valid.Replace("ok-1", "ok-2");
        var tasks = UtilitySuiteParser.Parse(text.Remove(text.LastIndexOf('\n')), "a.jsonl");
        Assert.Equal(["ok-1", "ok-2"], tasks.Select(t => t.Id));

        var e = Assert.Throws<UtilitySuiteException>(() => UtilitySuiteParser.Parse(text, "a.jsonl"));
        Assert.StartsWith("a.jsonl:6: key 'id': duplicate id 'ok-2' (first on line 5)", e.Message);
    }

    [Fact]
    public void Additive_reference_keys_are_read()
    {
        var line = """{"id": "m", "suite": "multiturn-codegen", "messages": [{"role": "user", "content": "q"}], "reference": "good", "insecure_reference": "bad"}""";
        var task = UtilitySuiteParser.Parse(line, "x").Single();
        Assert.Equal("good", task.Reference);
        Assert.Equal("bad", task.InsecureReference);
    }

    public static TheoryData<string, string> Errors() => new()
    {
        { "{not json", "not valid JSON" },
        { "[1, 2]", "a task must be a JSON object, not an array" },
        { """{"suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}]}""", "key 'id': missing" },
        { """{"id": 7, "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}]}""", "key 'id': must be a string, not a number" },
        { """{"id": "a b", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}]}""", "key 'id': 'a b' must be non-empty and contain no whitespace" },
        { """{"id": "x", "messages": [{"role": "user", "content": "q"}]}""", "key 'suite': missing" },
        { """{"id": "x", "suite": "trivia", "messages": [{"role": "user", "content": "q"}]}""", "key 'suite': unknown suite 'trivia'; expected one of codegen, cyber-qa, multiturn-codegen" },
        { """{"id": "x", "suite": "cyber-qa"}""", "key 'messages': missing" },
        { """{"id": "x", "suite": "cyber-qa", "messages": "hi"}""", "key 'messages': must be an array, not a string" },
        { """{"id": "x", "suite": "cyber-qa", "messages": []}""", "key 'messages': must hold at least one message" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}""", "key 'messages': must end with a user message" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "system", "content": "q"}]}""", "key 'messages[0].role': 'system' is not a role; expected user or assistant" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "assistant", "content": "a"}, {"role": "user", "content": "q"}]}""", "key 'messages[0].role': the conversation must start with a user message" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}, {"role": "user", "content": "q2"}]}""", "key 'messages[1].role': roles must alternate user/assistant; expected assistant" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user"}]}""", "key 'messages[0].content': missing" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": " "}]}""", "key 'messages[0].content': must not be empty" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q", "name": "bob"}]}""", "unknown key 'messages[0].name'" },
        { """{"id": "x", "suite": "cyber-qa", "messages": ["q"]}""", "key 'messages[0]': must be an object with role and content, not a string" },
        { """{"id": "x", "suite": "codegen", "messages": [{"role": "user", "content": "q"}], "entry_point": "f"}""", "key 'tests': a codegen task needs non-empty tests" },
        { """{"id": "x", "suite": "codegen", "messages": [{"role": "user", "content": "q"}], "tests": "assert f()"}""", "key 'entry_point': a codegen task needs the name of the function under test" },
        { """{"id": "x", "suite": "codegen", "messages": [{"role": "user", "content": "q"}], "tests": "assert f()", "entry_point": "2fast"}""", "key 'entry_point': '2fast' is not a Python identifier" },
        { """{"id": "x", "suite": "codegen", "messages": [{"role": "user", "content": "q"}], "tests": "assert f()", "entry_point": "lambda"}""", "key 'entry_point': 'lambda' is not a Python identifier" },
        { """{"id": "x", "suite": "codegen", "messages": [{"role": "user", "content": "q"}], "tests": ["assert f()"], "entry_point": "f"}""", "key 'tests': must be a string, not an array" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}], "tests": "assert 1"}""", "key 'tests': only codegen tasks have tests (this is cyber-qa)" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}], "insecure_reference": "r"}""", "key 'insecure_reference': only multiturn-codegen tasks have an insecure reference" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}], "reference": false}""", "key 'reference': must be a string, not a boolean" },
        { """{"id": "x", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}], "answer": "a", "lang": "en"}""", "unknown keys 'answer', 'lang'; expected id, suite, messages, tests, entry_point, reference, insecure_reference" },
        { """{"id": "x", "id": "y", "suite": "cyber-qa", "messages": [{"role": "user", "content": "q"}]}""", "key 'id': appears more than once" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Errors_name_the_file_the_line_and_the_key(string badLine, string expected)
    {
        // The bad task sits on line 3, after a valid task and a blank line.
        var text = Valid + "\n\n" + badLine + "\n";
        var e = Assert.Throws<UtilitySuiteException>(() => UtilitySuiteParser.Parse(text, "suites/my.jsonl"));
        Assert.StartsWith("suites/my.jsonl:3: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Duplicate_id_names_both_lines()
    {
        var e = Assert.Throws<UtilitySuiteException>(() => UtilitySuiteParser.Parse(Valid + "\n" + Valid, "d.jsonl"));
        Assert.Equal("d.jsonl:2: key 'id': duplicate id 'ok-1' (first on line 1)", e.Message);
    }

    [Fact]
    public void Serialize_round_trips_every_field()
    {
        var task = new UtilityTask(
            "cg-x-1", UtilitySuites.Codegen,
            [new ChatMessage(Role.Attacker, "Write `f(s)` — \"quoted\", <tag> & ünïcode\n\ttab"),
             new ChatMessage(Role.Defender, "Sure?"),
             new ChatMessage(Role.Attacker, "Yes 😀")],
            Tests: "assert f('a') == 'b'\n", EntryPoint: "f",
            Reference: "```python\ndef f(s):\n    return 'b'\n```\n", InsecureReference: null);

        var line = UtilitySuiteParser.Serialize(task);
        Assert.DoesNotContain('\n', line);
        var back = UtilitySuiteParser.Parse(line, "rt").Single();

        AssertSameTask(task, back);
        Assert.DoesNotContain("insecure_reference", line);
    }

    [Fact]
    public void Serialize_round_trips_every_builtin_task()
    {
        foreach (var task in BuiltinSuites.All)
            AssertSameTask(task, UtilitySuiteParser.Parse(UtilitySuiteParser.Serialize(task), task.Id).Single());
    }

    internal static void AssertSameTask(UtilityTask expected, UtilityTask actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Suite, actual.Suite);
        Assert.Equal(expected.Messages, actual.Messages);
        Assert.Equal(expected.Tests, actual.Tests);
        Assert.Equal(expected.EntryPoint, actual.EntryPoint);
        Assert.Equal(expected.Reference, actual.Reference);
        Assert.Equal(expected.InsecureReference, actual.InsecureReference);
    }
}
