namespace Arena.Tests.Analysis;

public class ResolutionTests
{
    private static string[] Rules(string src) => RuleTests.Scan(src).Select(f => f.Rule).ToArray();

    [Theory]
    [InlineData("import subprocess as sp\ndef f(c):\n    sp.run(c, shell=True)\n")]
    [InlineData("from subprocess import run\ndef f(c):\n    run(c, shell=True)\n")]
    [InlineData("from subprocess import run as go\ndef f(c):\n    go(c, shell=True)\n")]
    [InlineData("import subprocess\ndef f(c):\n    subprocess.run(c, shell=True)\n")]
    [InlineData("def f(c):\n    subprocess.run(c, shell=True)\n")] // fragment without the import
    [InlineData("from subprocess import *\ndef f(c):\n    run(c, shell=True)\n")]
    public void Subprocess_alias_forms(string src) => Assert.Contains("PY-CMD-001", Rules(src));

    [Theory]
    [InlineData("from os import system as s\ndef f(x):\n    s(x)\n")]
    [InlineData("import os as o\ndef f(x):\n    o.system(x)\n")]
    [InlineData("from os import system\ndef f(x):\n    system('rm ' + x)\n")]
    public void Os_system_alias_forms(string src) => Assert.Contains("PY-CMD-003", Rules(src));

    [Theory]
    [InlineData("import hashlib\nh = hashlib.md5(b'x')\n")]
    [InlineData("from hashlib import md5\nh = md5(b'x')\n")]
    [InlineData("import hashlib as hl\nh = hl.md5(b'x')\n")]
    [InlineData("h = hashlib.md5(b'x')\n")]
    public void Hashlib_forms(string src) => Assert.Contains("PY-HASH-001", Rules(src));

    [Fact]
    public void Local_variable_shadowing_an_unimported_module_name_is_not_the_module()
    {
        Assert.DoesNotContain("PY-HASH-001", Rules("class H:\n    def md5(self, x): return x\nhashlib = H()\nh = hashlib.md5(b'x')\n"));
    }

    [Fact]
    public void Constant_strings_through_variables_are_constant()
    {
        Assert.DoesNotContain("PY-CMD-001", Rules("import subprocess\nCMD = 'ls -l'\nflags = CMD + ' -a'\nsubprocess.run(flags, shell=True)\n"));
        Assert.Contains("PY-CMD-001", Rules("import subprocess\nCMD = 'ls -l'\nflags = CMD + arg\nsubprocess.run(flags, shell=True)\n"));
    }

    [Theory]
    [InlineData("cmd = f'ls {d}'")]
    [InlineData("cmd = 'ls ' + d")]
    [InlineData("cmd = 'ls %s' % d")]
    [InlineData("cmd = 'ls %s %s' % ('-l', d)")]
    [InlineData("cmd = 'ls {}'.format(d)")]
    [InlineData("cmd = 'ls '\n    cmd += d")]
    [InlineData("cmd = ' '.join(['ls', d])")]
    [InlineData("cmd = input('dir? ')")]
    public void Non_constant_string_builders_within_a_scope(string build)
    {
        var src = $"import subprocess\ndef f(d):\n    {build}\n    subprocess.call(cmd, shell=True)\n";
        Assert.Contains("PY-CMD-001", Rules(src));
    }

    [Theory]
    [InlineData("cmd = f'ls {\"-l\"}'")]
    [InlineData("cmd = 'ls ' + '-l'")]
    [InlineData("cmd = 'ls %s' % '-l'")]
    [InlineData("cmd = 'ls {}'.format('-l')")]
    public void Constant_string_builders_stay_constant(string build)
    {
        var src = $"import subprocess\ndef f(d):\n    {build}\n    subprocess.call(cmd, shell=True)\n";
        Assert.DoesNotContain("PY-CMD-001", Rules(src));
    }

    [Fact]
    public void Call_results_give_receiver_types()
    {
        Assert.Contains("PY-TIMEOUT-001", Rules("import requests\ns = requests.Session()\nr = s.get('https://x')\ns.close()\n"));
        Assert.Contains("PY-TIMEOUT-001", Rules("import requests\nwith requests.Session() as s:\n    r = s.post('https://x')\n"));
        Assert.Contains("PY-PATH-004", Rules("import tarfile\ntar = tarfile.open(p)\ntar.extractall()\ntar.close()\n"));
    }

    [Fact]
    public void Resource_closed_later_with_or_returned_is_not_a_leak()
    {
        Assert.DoesNotContain("PY-LEAK-001", Rules("def f(p):\n    f = open(p)\n    x = f.read()\n    f.close()\n    return x\n"));
        Assert.DoesNotContain("PY-LEAK-001", Rules("def f(p):\n    fh = open(p)\n    with fh:\n        return fh.read()\n"));
        Assert.DoesNotContain("PY-LEAK-001", Rules("def opener(p):\n    f = open(p)\n    return f\n"));
        Assert.DoesNotContain("PY-LEAK-001", Rules("class A:\n    def __init__(self, p):\n        self.f = open(p)\n"));
        Assert.DoesNotContain("PY-LEAK-001", Rules("import contextlib\ndef f(p):\n    fh = open(p)\n    with contextlib.closing(fh):\n        pass\n"));
        Assert.DoesNotContain("PY-LEAK-001", Rules("def f(p):\n    fh = None\n    try:\n        fh = open(p)\n        return fh.read()\n    finally:\n        if fh:\n            fh.close()\n"));
    }

    [Fact]
    public void Route_parameters_and_request_data_are_user_controlled()
    {
        var src = "from flask import Flask\napp = Flask(__name__)\n@app.route('/u/<name>')\ndef user(name):\n    return '<h1>' + name + '</h1>'\n";
        Assert.Contains("PY-XSS-001", Rules(src));
        var notRoute = "def user(name):\n    return '<h1>' + name + '</h1>'\n";
        Assert.DoesNotContain("PY-XSS-001", Rules(notRoute));
    }
}
