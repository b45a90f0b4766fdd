using System.Diagnostics;
using Arena.Evaluation.Extraction;

namespace Arena.Tests.Extraction;

public sealed class CodeExtractorTests
{
    private static string Reply(params string[] lines) => string.Join("\n", lines);

    private static string Code(params string[] lines) => string.Join("\n", lines);

    private static CodeBlock Single(string reply)
    {
        var blocks = CodeExtractor.Extract(reply);
        return Assert.Single(blocks);
    }

    private static void AssertBlock(CodeBlock block, string code, int[] lines, CodeBlockKind kind, string? info = null)
    {
        Assert.Equal(code, block.Code);
        Assert.Equal(lines, block.Lines);
        Assert.Equal(kind, block.Kind);
        Assert.Equal(info, block.Info);
        Assert.Equal(block.Code.Split('\n').Length, block.Lines.Count);
    }

    // ---- Fences ----

    [Fact]
    public void A_python_fence_gives_its_content_and_reply_lines()
    {
        var block = Single(Reply(
            "Here is the script:",
            "",
            "```python",
            "import os",
            "os.system(cmd)",
            "```",
            "Done."));
        AssertBlock(block, Code("import os", "os.system(cmd)"), [4, 5], CodeBlockKind.TaggedFence, "python");
        Assert.Equal(5, block.ReplyLine(2));
    }

    [Theory]
    [InlineData("python", "python")]
    [InlineData("py", "py")]
    [InlineData("python3", "python3")]
    [InlineData("py3", "py3")]
    [InlineData("Python", "Python")]
    [InlineData("PY", "PY")]
    [InlineData(" python ", "python")]
    [InlineData("{.python}", "{.python}")]
    [InlineData("{.python .numberLines}", "{.python .numberLines}")]
    [InlineData("python title=\"x.py\"", "python title=\"x.py\"")]
    [InlineData("py:file.py", "py:file.py")]
    [InlineData("language-python", "language-python")]
    public void Python_tags_in_all_their_forms_make_tagged_fences(string tag, string info)
    {
        var block = Single(Reply("```" + tag, "x = 1", "```"));
        AssertBlock(block, "x = 1", [2], CodeBlockKind.TaggedFence, info);
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("sh")]
    [InlineData("shell")]
    [InlineData("json")]
    [InlineData("yaml")]
    [InlineData("console")]
    [InlineData("shell-session")]
    [InlineData("diff")]
    [InlineData("sql")]
    [InlineData("javascript")]
    [InlineData("js")]
    [InlineData("ruby")]
    [InlineData("pythonic")]
    public void Other_tags_are_not_python_even_when_the_content_looks_like_it(string tag)
    {
        Assert.Empty(CodeExtractor.Extract(Reply("```" + tag, "import os", "os.system(cmd)", "```")));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("plaintext")]
    [InlineData("code")]
    [InlineData("txt")]
    public void Plain_text_tags_are_python_when_they_read_as_python(string tag)
    {
        var block = Single(Reply("```" + tag, "import os", "os.system(cmd)", "```"));
        AssertBlock(block, Code("import os", "os.system(cmd)"), [2, 3], CodeBlockKind.UntaggedFence, tag);
        Assert.Empty(CodeExtractor.Extract(Reply("```" + tag, "This is just an explanation of what the code does.", "```")));
    }

    [Fact]
    public void Tilde_fences_work_like_backtick_fences()
    {
        var block = Single(Reply("~~~py", "x = 1", "~~~"));
        AssertBlock(block, "x = 1", [2], CodeBlockKind.TaggedFence, "py");
    }

    [Fact]
    public void A_tilde_fence_info_string_may_contain_backticks()
    {
        var block = Single(Reply("~~~python `demo`", "x = 1", "~~~"));
        AssertBlock(block, "x = 1", [2], CodeBlockKind.TaggedFence, "python `demo`");
    }

    [Fact]
    public void A_backtick_line_whose_info_has_backticks_is_inline_code_not_a_fence()
    {
        Assert.Empty(CodeExtractor.Extract(Reply("```os.system(cmd)```", "is what the attacker asked for, and I will not write it.")));
    }

    [Fact]
    public void A_fence_closes_only_on_the_same_character_at_least_as_long()
    {
        var block = Single(Reply(
            "````python",
            "x = 1",
            "```",
            "~~~~",
            "y = 2",
            "`````",
            "after"));
        AssertBlock(block, Code("x = 1", "```", "~~~~", "y = 2"), [2, 3, 4, 5], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_longer_fence_holds_shorter_fence_lines_inside_a_string()
    {
        var block = Single(Reply(
            "````python",
            "README = \"\"\"",
            "```python",
            "print('hi')",
            "```",
            "\"\"\"",
            "````"));
        AssertBlock(block, Code("README = \"\"\"", "```python", "print('hi')", "```", "\"\"\""), [2, 3, 4, 5, 6], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_fence_line_with_text_after_it_does_not_close()
    {
        var block = Single(Reply("```python", "x = 1", "```not a close", "y = 2", "```"));
        AssertBlock(block, Code("x = 1", "```not a close", "y = 2"), [2, 3, 4], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void An_unclosed_fence_runs_to_the_end_of_the_reply()
    {
        var block = Single(Reply("Sure:", "```python", "import os", "", "os.remove(path)", "", ""));
        AssertBlock(block, Code("import os", "", "os.remove(path)"), [3, 4, 5], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void Every_block_is_returned_in_document_order()
    {
        var blocks = CodeExtractor.Extract(Reply(
            "First:",                 // 1
            "```python",              // 2
            "a = 1",                  // 3
            "```",                    // 4
            "Then install it:",       // 5
            "```bash",                // 6
            "pip install requests",   // 7
            "```",                    // 8
            "And:",                   // 9
            "```",                    // 10
            "import requests",        // 11
            "requests.get(url)",      // 12
            "```",                    // 13
            "Finally:",               // 14
            "",                       // 15
            "    b = a + 1",          // 16
            "    print(b)",           // 17
            "",                       // 18
            "~~~py",                  // 19
            "c = 3",                  // 20
            "~~~"));                  // 21
        Assert.Equal(4, blocks.Count);
        AssertBlock(blocks[0], "a = 1", [3], CodeBlockKind.TaggedFence, "python");
        AssertBlock(blocks[1], Code("import requests", "requests.get(url)"), [11, 12], CodeBlockKind.UntaggedFence);
        AssertBlock(blocks[2], Code("b = a + 1", "print(b)"), [16, 17], CodeBlockKind.Loose);
        AssertBlock(blocks[3], "c = 3", [20], CodeBlockKind.TaggedFence, "py");
    }

    [Fact]
    public void An_empty_python_fence_gives_nothing()
    {
        Assert.Empty(CodeExtractor.Extract(Reply("```python", "", "   ", "```")));
        Assert.Empty(CodeExtractor.Extract(Reply("```python", "```")));
    }

    [Fact]
    public void A_fence_in_a_list_item_loses_the_item_indentation()
    {
        var block = Single(Reply(
            "1. Delete the files:",
            "",
            "   ```python",
            "   import os",
            "   for f in files:",
            "       os.remove(f)",
            "   ```",
            "2. Done."));
        AssertBlock(block, Code("import os", "for f in files:", "    os.remove(f)"), [4, 5, 6], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_fence_indented_four_columns_in_a_list_item_is_still_a_fence()
    {
        var block = Single(Reply(
            "- Step one:",
            "    ```python",
            "    x = 1",
            "    ```"));
        AssertBlock(block, "x = 1", [3], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_fence_on_the_list_marker_line_is_a_fence()
    {
        var block = Single(Reply("- ```python", "  x = 1", "  ```"));
        AssertBlock(block, "x = 1", [2], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_fence_in_a_blockquote_loses_the_quote_markers()
    {
        var block = Single(Reply(
            "> Example:",
            "> ```python",
            "> def f():",
            ">     return 1",
            ">",
            "> f()",
            "> ```",
            "after"));
        AssertBlock(block, Code("def f():", "    return 1", "", "f()"), [3, 4, 5, 6], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_blockquote_fence_ends_with_the_blockquote()
    {
        var blocks = CodeExtractor.Extract(Reply("> ```python", "> x = 1", "Back to normal text that explains the code.", "```python", "y = 2", "```"));
        Assert.Equal(2, blocks.Count);
        AssertBlock(blocks[0], "x = 1", [2], CodeBlockKind.TaggedFence, "python");
        AssertBlock(blocks[1], "y = 2", [5], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_closing_fence_indented_four_past_the_opening_is_content()
    {
        var block = Single(Reply("```python", "x = 1", "    ```", "y = 2", "```"));
        AssertBlock(block, Code("x = 1", "    ```", "y = 2"), [2, 3, 4], CodeBlockKind.TaggedFence, "python");
    }

    // ---- Dedenting ----

    [Fact]
    public void An_indented_fragment_in_a_fence_is_dedented()
    {
        var block = Single(Reply(
            "```python",
            "    def run(self, cmd):",
            "        subprocess.call(cmd, shell=True)",
            "",
            "        return 0",
            "```"));
        AssertBlock(block, Code("def run(self, cmd):", "    subprocess.call(cmd, shell=True)", "", "    return 0"), [2, 3, 4, 5], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void Tabs_count_as_four_columns_when_dedenting()
    {
        var block = Single(Reply("```python", "\tdef f(self):", "\t\treturn 1", "    x = 2", "```"));
        AssertBlock(block, Code("def f(self):", "\treturn 1", "x = 2"), [2, 3, 4], CodeBlockKind.TaggedFence, "python");
    }

    // ---- Interactive sessions ----

    [Fact]
    public void A_pycon_block_keeps_the_input_without_prompts_and_drops_the_output()
    {
        var block = Single(Reply(
            "```pycon",               // 1
            ">>> import os",          // 2
            ">>> for f in files:",    // 3
            "...     os.remove(f)",   // 4
            "...",                    // 5
            ">>> print(len(files))",  // 6
            "3",                      // 7
            "... not a continuation", // 8
            ">>> x = ...",            // 9
            "```"));
        AssertBlock(block, Code("import os", "for f in files:", "    os.remove(f)", "", "print(len(files))", "x = ..."), [2, 3, 4, 5, 6, 9], CodeBlockKind.TaggedFence, "pycon");
    }

    [Fact]
    public void An_ipython_block_strips_in_prompts_and_drops_out_lines()
    {
        var block = Single(Reply(
            "```ipython",
            "In [1]: data = load()",
            "",
            "In [2]: for row in data:",
            "   ...:     print(row)",
            "   ...: ",
            "Out[2]: None",
            "```"));
        AssertBlock(block, Code("data = load()", "for row in data:", "    print(row)"), [2, 4, 5], CodeBlockKind.TaggedFence, "ipython");
    }

    [Fact]
    public void A_python_or_untagged_block_that_starts_with_a_prompt_is_a_transcript()
    {
        var tagged = Single(Reply("```python", ">>> x = 2 ** 10", ">>> x", "1024", "```"));
        AssertBlock(tagged, Code("x = 2 ** 10", "x"), [2, 3], CodeBlockKind.TaggedFence, "python");
        var untagged = Single(Reply("```", ">>> 2 ** 10", "1024", "```"));
        AssertBlock(untagged, "2 ** 10", [2], CodeBlockKind.UntaggedFence);
    }

    [Fact]
    public void A_doctest_inside_a_function_is_not_a_transcript()
    {
        var block = Single(Reply(
            "```python",
            "def add(a, b):",
            "    \"\"\"",
            "    >>> add(1, 2)",
            "    3",
            "    \"\"\"",
            "    return a + b",
            "```"));
        Assert.Equal(6, block.Lines.Count);
        Assert.Contains(">>> add(1, 2)", block.Code);
    }

    [Fact]
    public void A_raw_transcript_outside_fences_is_loose_code()
    {
        var block = Single(Reply("Try this:", "", ">>> import os", ">>> os.getcwd()", "'/home/me'"));
        AssertBlock(block, Code("import os", "os.getcwd()"), [3, 4], CodeBlockKind.Loose);
    }

    // ---- Untagged fences: python or not ----

    [Theory]
    [InlineData("subprocess.call(cmd, shell=True)")]
    [InlineData("password = \"hunter2\"")]
    [InlineData("os.system('rm -rf ' + path)")]
    [InlineData("import os")]
    [InlineData("from flask import Flask, request")]
    [InlineData("def handler(event):\n    return event['body']")]
    [InlineData("class Config:\n    DEBUG = True")]
    [InlineData("for user in users:\n    print(user.name)")]
    [InlineData("with open(path) as f:\n    data = f.read()")]
    [InlineData("@app.route('/')\ndef index():\n    return render_template('index.html')")]
    [InlineData("config = {\n    \"host\": \"localhost\",\n    \"port\": 8080,\n}")]
    [InlineData("x: int = 5")]
    [InlineData("#!/usr/bin/env python3\nmain()")]
    [InlineData("if x is not None and y in z:\n    total += 1")]
    [InlineData("try:\n    risky()\nexcept ValueError as e:\n    log.error(e)")]
    [InlineData("result = value if value is not None else default\nraise ValueError(\"You must provide a valid input here\")")]
    [InlineData("msg = \"don't; do this && that || other\"\nsend(msg)")]
    public void An_untagged_fence_that_reads_as_python_is_kept(string content)
    {
        var block = Single(Reply("```", content, "```"));
        Assert.Equal(content, block.Code);
        Assert.Equal(CodeBlockKind.UntaggedFence, block.Kind);
        Assert.Null(block.Info);
        Assert.Equal(Enumerable.Range(2, content.Split('\n').Length), block.Lines);
    }

    [Theory]
    [InlineData("{\n  \"name\": \"app\",\n  \"debug\": true,\n  \"port\": 8080\n}")]
    [InlineData("[\n  {\"id\": 1, \"admin\": false},\n  {\"id\": 2, \"admin\": null}\n]")]
    [InlineData("{\"user\": \"admin\", \"password\": \"x\"}")]
    [InlineData("pip install requests")]
    [InlineData("$ python app.py --port 8080")]
    [InlineData("ls -la /tmp\ncd /tmp\nrm -rf build")]
    [InlineData("export API_KEY=abc123\ncurl -H \"Authorization: $API_KEY\" https://example.com")]
    [InlineData("sudo apt-get install nmap")]
    [InlineData("name: my-app\nversion: 1.0\ndependencies:\n  - requests\n  - flask")]
    [InlineData("This explains what the function does and why you should not run it.")]
    [InlineData("The script deletes every file in the directory.\nIt then restarts the server.")]
    [InlineData("<div class=\"login\">\n  <input type=\"password\">\n</div>")]
    [InlineData("const fs = require('fs');\nfs.unlinkSync(path);")]
    [InlineData("function run(cmd) {\n  exec(cmd)\n}")]
    [InlineData("const run = (cmd) => exec(cmd)")]
    [InlineData("let x = 5\nconsole.log(x)")]
    [InlineData("SELECT * FROM users WHERE id = 1")]
    [InlineData("int main() {\n  system(cmd);\n}")]
    [InlineData("- step one\n- step two")]
    [InlineData("Hello world")]
    [InlineData("[database]\nhost = localhost")]
    public void An_untagged_fence_that_does_not_read_as_python_is_skipped(string content)
    {
        Assert.Empty(CodeExtractor.Extract(Reply("Output:", "```", content, "```")));
    }

    // ---- Loose code outside fences ----

    [Fact]
    public void A_reply_that_is_only_code_is_one_loose_block()
    {
        var reply = Reply(
            "import os",
            "",
            "def wipe(path):",
            "    os.system(\"rm -rf \" + path)",
            "",
            "wipe(\"/\")",
            "");
        var block = Single(reply);
        AssertBlock(block, Code("import os", "", "def wipe(path):", "    os.system(\"rm -rf \" + path)", "", "wipe(\"/\")"), [1, 2, 3, 4, 5, 6], CodeBlockKind.Loose);
    }

    [Theory]
    [InlineData("#!/usr/bin/env python\nprint('hi')")]
    [InlineData("from os import system\nsystem(cmd)")]
    [InlineData("class Evil:\n    pass")]
    [InlineData("os.system('rm -rf /')")]
    public void Raw_code_replies_are_loose_blocks(string reply)
    {
        var block = Single(reply);
        Assert.Equal(reply, block.Code);
        Assert.Equal(CodeBlockKind.Loose, block.Kind);
    }

    [Fact]
    public void A_raw_code_reply_with_crlf_line_ends_maps_lines()
    {
        var block = Single("import os\r\n\r\nos.remove(path)\r\n");
        AssertBlock(block, Code("import os", "", "os.remove(path)"), [1, 2, 3], CodeBlockKind.Loose);
    }

    [Fact]
    public void An_indented_block_after_a_paragraph_is_loose_code_dedented()
    {
        var block = Single(Reply(
            "Run this:",
            "",
            "    import os",
            "    if os.path.exists(p):",
            "        os.remove(p)",
            "",
            "That's it, it works on every platform."));
        AssertBlock(block, Code("import os", "if os.path.exists(p):", "    os.remove(p)"), [3, 4, 5], CodeBlockKind.Loose);
    }

    [Fact]
    public void Indented_blocks_separated_by_blank_lines_are_one_block()
    {
        var block = Single(Reply("Code:", "", "    x = 1", "", "", "    y = x + 1", "", "End of the example, as you can see."));
        AssertBlock(block, Code("x = 1", "", "", "y = x + 1"), [3, 4, 5, 6], CodeBlockKind.Loose);
    }

    [Fact]
    public void Indented_prose_is_not_code()
    {
        Assert.Empty(CodeExtractor.Extract(Reply(
            "- First item",
            "",
            "    This paragraph continues the item and explains why you should not do that.",
            "",
            "- Second item")));
    }

    [Fact]
    public void Unfenced_code_between_paragraphs_is_found_without_the_prose()
    {
        var block = Single(Reply(
            "Sure, here you go:",   // 1
            "",                     // 2
            "import subprocess",    // 3
            "subprocess.call(cmd, shell=True)", // 4
            "",                     // 5
            "Hope this helps!"));   // 6
        AssertBlock(block, Code("import subprocess", "subprocess.call(cmd, shell=True)"), [3, 4], CodeBlockKind.Loose);
    }

    [Fact]
    public void A_lead_in_sentence_on_the_line_before_unfenced_code_is_left_out()
    {
        var block = Single(Reply("Here is the code:", "import os", "os.system(cmd)", "This runs the command you give it."));
        AssertBlock(block, Code("import os", "os.system(cmd)"), [2, 3], CodeBlockKind.Loose);
    }

    [Fact]
    public void An_unfenced_function_with_blank_lines_in_its_body_is_one_block()
    {
        var block = Single(Reply(
            "Here you go:",      // 1
            "",                  // 2
            "def f(path):",      // 3
            "    data = read(path)", // 4
            "",                  // 5
            "    return data",   // 6
            "",                  // 7
            "Hope it helps!"));  // 8
        AssertBlock(block, Code("def f(path):", "    data = read(path)", "", "    return data"), [3, 4, 5, 6], CodeBlockKind.Loose);
    }

    [Theory]
    [InlineData("Use `subprocess.run()` with `shell=False` instead of `os.system`.")]
    [InlineData("You can call subprocess.run(cmd, shell=False) to avoid shell injection.")]
    [InlineData("I can't help with that. Deleting system files with os.remove() is harmful.")]
    [InlineData("The `password = \"hunter2\"` line stores a secret in the source.\nMove it to an environment variable.")]
    [InlineData("Sorry, I won't write a keylogger.")]
    [InlineData("For example, in this case:\n\n- import the module\n- call the function")]
    [InlineData("x = 5 means the value is five")]
    [InlineData("1. Open the file\n2. Read it with `f.read()`\n3. Close it")]
    [InlineData("# Summary\n\nThe code is fine, but you should validate the input before passing it to eval.")]
    public void Prose_that_mentions_code_is_not_code(string reply)
    {
        Assert.Empty(CodeExtractor.Extract(reply));
    }

    [Fact]
    public void Prose_paragraphs_with_fences_still_yield_only_the_fences()
    {
        var blocks = CodeExtractor.Extract(Reply(
            "You should use subprocess.run(args, shell=False) instead.",
            "",
            "```python",
            "subprocess.run(args, shell=False)",
            "```",
            "",
            "Calling `os.system(cmd)` passes the string to the shell."));
        AssertBlock(Assert.Single(blocks), "subprocess.run(args, shell=False)", [4], CodeBlockKind.TaggedFence, "python");
    }

    // ---- Line endings and bad input ----

    [Fact]
    public void Crlf_line_endings_map_to_the_same_lines()
    {
        var block = Single("Code:\r\n```python\r\nx = 1\r\ny = 2\r\n```\r\n");
        AssertBlock(block, Code("x = 1", "y = 2"), [3, 4], CodeBlockKind.TaggedFence, "python");
    }

    [Fact]
    public void A_lone_carriage_return_ends_a_line()
    {
        var block = Single("Code:\r```py\rx = 1\r\ny = 2\n```");
        AssertBlock(block, Code("x = 1", "y = 2"), [3, 4], CodeBlockKind.TaggedFence, "py");
    }

    [Fact]
    public void Empty_replies_give_nothing()
    {
        Assert.Empty(CodeExtractor.Extract(""));
        Assert.Empty(CodeExtractor.Extract("\n\n  \r\n"));
        Assert.Empty(CodeExtractor.Extract(null!));
    }

    [Fact]
    public void A_hundred_thousand_line_reply_is_extracted_completely_in_linear_time()
    {
        var sb = new System.Text.StringBuilder();
        const int sections = 20_000; // 5 lines each: 100k lines
        for (int i = 0; i < sections; i++)
        {
            sb.Append("Step ").Append(i).Append(" explains what the next snippet does to the files.\n");
            sb.Append("```python\n");
            sb.Append("x").Append(i).Append(" = compute(").Append(i).Append(")\n");
            sb.Append("```\n");
            sb.Append('\n');
        }
        var watch = Stopwatch.StartNew();
        var blocks = CodeExtractor.Extract(sb.ToString());
        watch.Stop();
        Assert.Equal(sections, blocks.Count);
        Assert.Equal("x19999 = compute(19999)", blocks[^1].Code);
        Assert.Equal([5 * 19999 + 3], blocks[^1].Lines);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_hundred_thousand_line_raw_reply_is_one_block()
    {
        var lines = Enumerable.Range(0, 100_000).Select(i => $"v{i} = f({i})").ToArray();
        var watch = Stopwatch.StartNew();
        var block = Single(string.Join("\n", lines));
        watch.Stop();
        Assert.Equal(100_000, block.Lines.Count);
        Assert.Equal(100_000, block.Lines[^1]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_hundred_thousand_lines_of_prose_give_nothing()
    {
        var reply = string.Concat(Enumerable.Repeat("This is a sentence about the code that you asked for.\n", 100_000));
        var watch = Stopwatch.StartNew();
        Assert.Empty(CodeExtractor.Extract(reply));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(200_000)]
    public void Pathological_lines_do_not_throw_or_hang(int length)
    {
        var inputs = new[]
        {
            new string('`', length),
            new string('`', length) + "\nx = 1\n" + new string('`', length - 1),
            new string('~', length) + "python\nx = 1",
            new string('>', length) + " ```python\nx = 1",
            new string(' ', length) + "x = 1",
            new string('"', length),
            "x = " + new string('(', length),
            "x = " + string.Concat(Enumerable.Repeat("a'", length / 2)),
            string.Concat(Enumerable.Repeat("a, ", length / 3)) + "= 1",
            string.Concat(Enumerable.Repeat("```\n", length / 10)),
            string.Concat(Enumerable.Repeat("```python\nx = 1\n", length / 20)),
            string.Concat(Enumerable.Repeat(">>> ", length / 4)),
            string.Concat(Enumerable.Repeat("\r", length)),
            "\"\"\"\n" + string.Concat(Enumerable.Repeat("x = 1\n", length / 6)),
        };
        var watch = Stopwatch.StartNew();
        foreach (var input in inputs)
            CodeExtractor.Extract(input);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Thousands_of_fences_each_give_a_block_with_its_line()
    {
        var reply = string.Concat(Enumerable.Range(0, 5000).Select(i => $"```python\nv{i} = {i}\n```\n"));
        var blocks = CodeExtractor.Extract(reply);
        Assert.Equal(5000, blocks.Count);
        for (int i = 0; i < blocks.Count; i++)
        {
            Assert.Equal($"v{i} = {i}", blocks[i].Code);
            Assert.Equal([3 * i + 2], blocks[i].Lines);
        }
    }

    [Fact]
    public void A_single_long_backtick_fence_left_open_takes_the_rest()
    {
        var block = Single(new string('`', 10_000) + "python\nx = 1\n```\ny = 2");
        AssertBlock(block, Code("x = 1", "```", "y = 2"), [2, 3, 4], CodeBlockKind.TaggedFence, "python");
    }
}
