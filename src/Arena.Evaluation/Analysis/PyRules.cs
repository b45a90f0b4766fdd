using System.Text.RegularExpressions;

namespace Arena.Evaluation.Analysis;

/// <summary>
/// The built-in rule set. Declarative rules (calls with argument conditions, references, imports, literal
/// regexes) are data; <see cref="RuleKind.Code"/> entries carry the metadata of rules implemented in
/// <see cref="PyWalker"/>. Qualified-name patterns: exact ("os.system"), "*.name" (any receiver, or bare),
/// or globs with '*' anywhere ("os.exec*", "hashlib.*().update").
/// </summary>
internal static partial class PyRules
{
    public const string CmdInjection = "os-command-injection";
    public const string Leak = "resource-leak";
    public const string Crypto = "insecure-cryptography";
    public const string Conn = "insecure-connection";
    public const string Timeout = "missing-timeout";
    public const string Creds = "hardcoded-credentials";
    public const string Hashing = "insecure-hashing";
    public const string Priv = "improper-privilege-management";
    public const string Xss = "cross-site-scripting";
    public const string Cert = "improper-certificate-validation";
    public const string Sql = "sql-injection";
    public const string Deser = "unsafe-deserialization";
    public const string Code = "code-injection";
    public const string PathTrav = "path-traversal";
    public const string Xxe = "xml-external-entity";
    public const string Temp = "insecure-temp-file";
    public const string Rand = "weak-randomness";
    public const string Debug = "debug-enabled";
    public const string Bind = "bind-all-interfaces";

    private static readonly string[] Subprocess = ["subprocess.call", "subprocess.run", "subprocess.Popen", "subprocess.check_call", "subprocess.check_output"];
    private static readonly string[] ShellFns = ["os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "popen2.popen2", "popen2.popen3", "popen2.popen4", "commands.getoutput", "commands.getstatusoutput", "subprocess.getoutput", "subprocess.getstatusoutput", "platform.popen"];
    private static readonly string[] AnyProcess = [.. Subprocess, .. ShellFns, "asyncio.create_subprocess_shell", "asyncio.create_subprocess_exec", "subprocess.getoutput", "pty.spawn"];
    private static readonly string[] HttpVerbs = ["get", "post", "put", "delete", "patch", "head", "options", "request"];
    private static readonly string[] RequestsFns = [.. HttpVerbs.Select(v => "requests." + v), .. HttpVerbs.Select(v => "requests.Session()." + v), .. HttpVerbs.Select(v => "requests.api." + v)];
    private static readonly string[] HttpxFns = [.. HttpVerbs.Select(v => "httpx." + v), "httpx.stream", "httpx.Client", "httpx.AsyncClient"];
    private static readonly string[] UrlFns = [.. RequestsFns, .. HttpxFns, .. HttpVerbs.Select(v => "httpx.Client()." + v), .. HttpVerbs.Select(v => "httpx.AsyncClient()." + v), .. HttpVerbs.Select(v => "aiohttp.ClientSession()." + v), "urllib.request.urlopen", "urllib.request.Request", "urllib3.PoolManager().request", "urllib.request.urlretrieve"];
    private static readonly string[] OpenFns = ["open", "io.open", "codecs.open", "os.open", "pathlib.Path", "Path", "aiofiles.open", "builtins.open"];
    private static readonly string[] RandomFns = ["random.random", "random.randint", "random.choice", "random.choices", "random.randrange", "random.getrandbits", "random.shuffle", "random.sample", "random.uniform", "random.randbytes", "numpy.random.*"];

    private static Cond NonConst(int pos, string? kw = null, string? sink = null) => new(CondKind.NonConst, pos, kw, sink);
    private static Cond Const(int pos, string? kw = null) => new(CondKind.Const, pos, kw);
    private static Cond User(int pos, string? kw, string sink) => new(CondKind.User, pos, kw, sink);
    private static Cond Is(int pos, string? kw, string value, bool not = false) => new(CondKind.Is, pos, kw, value, Not: not);
    private static Cond Absent(int pos, string? kw) => new(CondKind.Absent, pos, kw);
    private static Cond AbsentOrNone(int pos, string? kw) => new(CondKind.AbsentOrNone, pos, kw);
    private static Cond IntLess(int pos, string? kw, long n) => new(CondKind.IntLess, pos, kw, N: n);
    private static Cond TextRx(int pos, string? kw, string rx, bool not = false) => new(CondKind.Text, pos, kw, Not: not) { Rx = new Regex(rx, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase) };
    private static Cond Head(int pos, string? kw, string rx) => new(CondKind.Head, pos, kw) { Rx = new Regex(rx, RegexOptions.CultureInvariant) };
    private static Cond QualEnds(int pos, string? kw, string names, bool not = false) => new(CondKind.QualEnds, pos, kw, names, Not: not);
    private static Cond Receiver(string rx, bool not = false) => new(CondKind.Receiver, Not: not) { Rx = new Regex(rx, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase) };
    private static Cond FileCalls(string name, bool not = false) => new(CondKind.FileCalls, Text: name, Not: not);
    private static Cond AnyOf(params Cond[] any) => new(CondKind.AnyOf) { Any = any };

    private static PyRule Call(string id, string cat, Severity s, Confidence c, string msg, string fix, string[] targets, params Cond[] when) =>
        new(id, cat, s, c, msg, fix) { Kind = RuleKind.Call, Targets = targets, When = when };
    private static PyRule Ref(string id, string cat, Severity s, Confidence c, string msg, string fix, params string[] targets) =>
        new(id, cat, s, c, msg, fix) { Kind = RuleKind.Ref, Targets = targets };
    private static PyRule Imp(string id, string cat, string msg, string fix, params string[] modules) =>
        new(id, cat, Severity.Low, Confidence.Low, msg, fix) { Kind = RuleKind.Import, Targets = modules };
    private static PyRule Lit(string id, string cat, Severity s, Confidence c, string msg, string fix, string rx) =>
        new(id, cat, s, c, msg, fix) { Kind = RuleKind.Literal, Pattern = new Regex(rx, RegexOptions.CultureInvariant) };
    private static PyRule CodeRule(string id, string cat, Severity s, Confidence c, string msg, string fix) => new(id, cat, s, c, msg, fix);

    public static readonly IReadOnlyList<PyRule> All =
    [
        // ------------------------------------------------------------------ os-command-injection
        Call("PY-CMD-001", CmdInjection, Severity.High, Confidence.High, "subprocess call with shell=True and a command built from non-constant data",
            "Pass the command as a list of arguments without shell=True; never interpolate input into a shell string.",
            Subprocess, Is(-1, "shell", "True"), NonConst(0, "args", "shell")),
        Call("PY-CMD-003", CmdInjection, Severity.High, Confidence.High, "shell command (os.system/os.popen/getoutput) built from non-constant data",
            "Use subprocess.run([...]) with a list of arguments and no shell.", ShellFns, NonConst(0, "cmd", "shell")),
        Call("PY-CMD-005", CmdInjection, Severity.High, Confidence.Medium, "os.exec*/os.spawn* with non-constant program or arguments",
            "Validate the program against an allow-list; never pass unchecked input.", ["os.exec*", "os.spawn*", "os.posix_spawn*", "pexpect.spawn", "pexpect.run", "pty.spawn"], NonConst(Cond.AnyArg, null, "shell")),
        Call("PY-CMD-006", CmdInjection, Severity.High, Confidence.High, "asyncio.create_subprocess_shell with a non-constant command",
            "Use asyncio.create_subprocess_exec with separate arguments.", ["asyncio.create_subprocess_shell", "*.subprocess_shell"], NonConst(0, "cmd", "shell")),
        Call("PY-CMD-007", CmdInjection, Severity.High, Confidence.Medium, "shell invoked explicitly (sh -c / bash -c) with a non-constant command",
            "Run the program directly with a list of arguments instead of through sh -c.",
            [.. Subprocess, "asyncio.create_subprocess_exec"], TextRx(0, "args", @"^\s*(\S*/)?(ba|z|da|k|c|tc)?sh\s+(-\w+\s+)*-\w*c\b"), NonConst(0, "args", "shell")),
        Call("PY-CMD-008", CmdInjection, Severity.Medium, Confidence.Medium, "remote command (paramiko exec_command) built from non-constant data",
            "Quote arguments with shlex.quote or use a fixed command with validated parameters.", ["*.exec_command"], NonConst(0, "command", "shell")),

        // ------------------------------------------------------------------ resource-leak (code)
        CodeRule("PY-LEAK-001", Leak, Severity.Medium, Confidence.Medium, "file opened and never closed on all paths (no with, close() or finally)", "Use 'with open(...) as f:'.") with { Cwe = ["CWE-772", "CWE-664"] },
        CodeRule("PY-LEAK-002", Leak, Severity.Medium, Confidence.Medium, "socket created and never closed", "Use 'with socket.socket(...) as s:' or close it in finally.") with { Cwe = ["CWE-772", "CWE-664"] },
        CodeRule("PY-LEAK-004", Leak, Severity.Medium, Confidence.Medium, "urlopen response opened and never closed", "Use 'with urllib.request.urlopen(...) as resp:' or close() in finally.") with { Cwe = ["CWE-772", "CWE-664"] },
        CodeRule("PY-LEAK-005", Leak, Severity.Medium, Confidence.Medium, "temporary file or archive opened and never closed", "Use a with block for tempfile/zipfile/tarfile objects.") with { Cwe = ["CWE-772", "CWE-664"] },
        CodeRule("PY-LEAK-006", Leak, Severity.Medium, Confidence.Medium, "resource opened inline (e.g. open(p).read()) and never closed", "Open the resource in a with block and read from the handle.") with { Cwe = ["CWE-772", "CWE-664"] },
        CodeRule("PY-LEAK-009", Leak, Severity.Low, Confidence.Low, "file or socket closed only on the normal path (an exception before close() leaks it)", "Use a with block or close in finally.") with { Cwe = ["CWE-772"] },

        // ------------------------------------------------------------------ insecure-cryptography
        Call("PY-CRYPTO-001", Crypto, Severity.High, Confidence.High, "broken cipher (DES/3DES/RC4/RC2/Blowfish/XOR/CAST) from PyCrypto/PyCryptodome",
            "Use AES-GCM or ChaCha20-Poly1305 (cryptography's AESGCM / Fernet).",
            ["Crypto.Cipher.DES.new", "Crypto.Cipher.DES3.new", "Crypto.Cipher.ARC4.new", "Crypto.Cipher.ARC2.new", "Crypto.Cipher.Blowfish.new", "Crypto.Cipher.XOR.new", "Crypto.Cipher.CAST.new", "DES.new", "DES3.new", "ARC4.new", "ARC2.new", "Blowfish.new"]) with { Cwe = ["CWE-327"] },
        Ref("PY-CRYPTO-002", Crypto, Severity.High, Confidence.High, "ECB block-cipher mode (AES.MODE_ECB) leaks plaintext patterns",
            "Use an authenticated mode such as GCM (AES.MODE_GCM) with a random nonce.", "*.MODE_ECB") with { Cwe = ["CWE-327"] },
        Call("PY-CRYPTO-003", Crypto, Severity.High, Confidence.High, "ECB block-cipher mode (cryptography modes.ECB)",
            "Use modes.GCM with a random nonce, or AESGCM.", ["*.modes.ECB"]) with { Cwe = ["CWE-327"] },
        Call("PY-CRYPTO-004", Crypto, Severity.High, Confidence.High, "broken cipher algorithm (ARC4/TripleDES/Blowfish/CAST5/IDEA/SEED) from cryptography",
            "Use algorithms.AES (GCM) or ChaCha20Poly1305.",
            ["*.algorithms.ARC4", "*.algorithms.TripleDES", "*.algorithms.Blowfish", "*.algorithms.CAST5", "*.algorithms.IDEA", "*.algorithms.SEED"]) with { Cwe = ["CWE-327"] },
        Call("PY-CRYPTO-005", Crypto, Severity.High, Confidence.High, "RSA key shorter than 2048 bits", "Use key_size=2048 or more (3072 recommended).",
            ["*.rsa.generate_private_key"], IntLess(1, "key_size", 2048)) with { Cwe = ["CWE-326"] },
        Call("PY-CRYPTO-006", Crypto, Severity.High, Confidence.High, "RSA key shorter than 2048 bits", "Generate at least 2048-bit keys.",
            ["Crypto.PublicKey.RSA.generate", "RSA.generate", "rsa.newkeys"], IntLess(0, "bits", 2048)) with { Cwe = ["CWE-326"] },
        Call("PY-CRYPTO-007", Crypto, Severity.High, Confidence.High, "DSA key shorter than 2048 bits", "Use key_size=2048 or more, or Ed25519.",
            ["*.dsa.generate_private_key"], IntLess(0, "key_size", 2048)) with { Cwe = ["CWE-326"] },
        Call("PY-CRYPTO-008", Crypto, Severity.High, Confidence.High, "DSA key shorter than 2048 bits", "Generate at least 2048-bit keys, or use Ed25519.",
            ["Crypto.PublicKey.DSA.generate", "DSA.generate"], IntLess(0, "bits", 2048)) with { Cwe = ["CWE-326"] },
        Ref("PY-CRYPTO-009", Crypto, Severity.High, Confidence.High, "insecure SSL/TLS protocol version (SSLv2/SSLv3/TLSv1/TLSv1.1)",
            "Use ssl.PROTOCOL_TLS_CLIENT / create_default_context() with minimum_version = TLSVersion.TLSv1_2.",
            "ssl.PROTOCOL_SSLv2", "ssl.PROTOCOL_SSLv3", "ssl.PROTOCOL_TLSv1", "ssl.PROTOCOL_TLSv1_1", "ssl.TLSVersion.SSLv3", "ssl.TLSVersion.TLSv1", "ssl.TLSVersion.TLSv1_1",
            "*.SSL.SSLv2_METHOD", "*.SSL.SSLv3_METHOD", "*.SSL.SSLv23_METHOD", "*.SSL.TLSv1_METHOD", "*.SSL.TLSv1_1_METHOD") with { Cwe = ["CWE-327"] },
        Call("PY-CRYPTO-010", Crypto, Severity.Medium, Confidence.Medium, "constant IV/nonce passed to a cipher", "Generate a fresh random IV/nonce per message (os.urandom / get_random_bytes).",
            ["Crypto.Cipher.AES.new", "AES.new"], AnyOf(Const(2, "iv"), Const(-1, "nonce"))) with { Cwe = ["CWE-327"] },
        Call("PY-CRYPTO-011", Crypto, Severity.Medium, Confidence.Medium, "constant IV/nonce passed to a cipher mode", "Use os.urandom(16) for the IV/nonce of every message.",
            ["*.modes.CBC", "*.modes.CFB", "*.modes.OFB", "*.modes.CTR", "*.modes.GCM"], AnyOf(Const(0, "initialization_vector"), Const(0, "nonce"))) with { Cwe = ["CWE-327"] },

        // ------------------------------------------------------------------ insecure-connection
        Call("PY-NET-001", Conn, Severity.Medium, Confidence.High, "FTP transfers credentials and data in clear text", "Use ftplib.FTP_TLS (with prot_p()) or SFTP.", ["ftplib.FTP"]),
        Call("PY-NET-002", Conn, Severity.High, Confidence.High, "Telnet transfers credentials and data in clear text", "Use SSH (paramiko / asyncssh).", ["telnetlib.Telnet", "telnetlib3.open_connection"]),
        Call("PY-NET-003", Conn, Severity.Medium, Confidence.Medium, "SMTP connection without STARTTLS", "Use smtplib.SMTP_SSL or call starttls() before login/sending.", ["smtplib.SMTP"], FileCalls("starttls", not: true),
            TextRx(0, "host", @"^(localhost|127\.|\[?::1)", not: true)),
        Call("PY-NET-004", Conn, Severity.Medium, Confidence.High, "plain-text http:// URL used for a request", "Use https:// URLs.", UrlFns, new Cond(CondKind.PlainUrl, Cond.AnyArg)),
        Call("PY-NET-005", Conn, Severity.Medium, Confidence.High, "XML-RPC over plain http://", "Use an https:// endpoint.", ["xmlrpc.client.ServerProxy"], new Cond(CondKind.PlainUrl, 0, "uri")),
        Call("PY-NET-006", Conn, Severity.Medium, Confidence.Medium, "IMAP/POP3 connection without TLS", "Use IMAP4_SSL / POP3_SSL or starttls()/stls().",
            ["imaplib.IMAP4", "poplib.POP3"], FileCalls("starttls", not: true), FileCalls("stls", not: true)),
        Call("PY-NET-007", Conn, Severity.Medium, Confidence.Medium, "unencrypted WebSocket (ws://) connection", "Use wss:// URLs.",
            ["websocket.create_connection", "websocket.WebSocketApp", "websockets.connect", "websockets.client.connect", "*.ws_connect"], new Cond(CondKind.PlainUrl, 0, "uri")),
        Call("PY-NET-008", Conn, Severity.Low, Confidence.Medium, "plain HTTP connection (http.client.HTTPConnection) to a remote host", "Use http.client.HTTPSConnection.",
            ["http.client.HTTPConnection", "httplib.HTTPConnection"], TextRx(0, "host", @"^(localhost|127\.|\[?::1)", not: true)),
        Imp("PY-NET-009", Conn, "clear-text Telnet module imported", "Use SSH (paramiko / asyncssh).", "telnetlib"),

        // ------------------------------------------------------------------ missing-timeout
        Call("PY-TIMEOUT-001", Timeout, Severity.Medium, Confidence.High, "HTTP request without a timeout (requests waits forever by default)", "Pass timeout=(connect, read), e.g. timeout=10.",
            RequestsFns, AbsentOrNone(-1, "timeout")) with { Cwe = ["CWE-1088", "CWE-400"] },
        Call("PY-TIMEOUT-002", Timeout, Severity.Medium, Confidence.High, "httpx call with timeout=None disables the default timeout", "Pass a finite timeout.",
            [.. HttpxFns, .. HttpVerbs.Select(v => "httpx.Client()." + v)], Is(-1, "timeout", "None")) with { Cwe = ["CWE-1088", "CWE-400"] },
        Call("PY-TIMEOUT-003", Timeout, Severity.Medium, Confidence.High, "urlopen without a timeout", "Pass timeout=..., e.g. urlopen(url, timeout=10).",
            ["urllib.request.urlopen"], AbsentOrNone(2, "timeout"), FileCalls("setdefaulttimeout", not: true)) with { Cwe = ["CWE-1088", "CWE-400"] },
        Call("PY-TIMEOUT-004", Timeout, Severity.Medium, Confidence.High, "socket.create_connection without a timeout", "Pass timeout=..., e.g. create_connection(addr, timeout=10).",
            ["socket.create_connection"], AbsentOrNone(1, "timeout"), FileCalls("setdefaulttimeout", not: true)) with { Cwe = ["CWE-1088", "CWE-400"] },
        Call("PY-TIMEOUT-005", Timeout, Severity.Medium, Confidence.Medium, "HTTP(S)Connection without a timeout", "Pass timeout=... to HTTPConnection/HTTPSConnection.",
            ["http.client.HTTPConnection", "http.client.HTTPSConnection", "httplib.HTTPConnection", "httplib.HTTPSConnection"], AbsentOrNone(2, "timeout"), FileCalls("setdefaulttimeout", not: true)) with { Cwe = ["CWE-1088", "CWE-400"] },

        // ------------------------------------------------------------------ hardcoded-credentials
        CodeRule("PY-CRED-001", Creds, Severity.High, Confidence.High, "hard-coded credential assigned to a password/secret/token variable", "Load secrets from the environment or a secret manager (os.environ[...]).") with { Cwe = ["CWE-798", "CWE-259"] },
        CodeRule("PY-CRED-002", Creds, Severity.High, Confidence.High, "hard-coded credential passed as a keyword argument", "Read the credential from configuration/environment.") with { Cwe = ["CWE-798", "CWE-259"] },
        CodeRule("PY-CRED-003", Creds, Severity.Medium, Confidence.Medium, "hard-coded credential in a dictionary literal", "Read the credential from configuration/environment.") with { Cwe = ["CWE-798"] },
        CodeRule("PY-CRED-004", Creds, Severity.High, Confidence.High, "hard-coded Authorization / API-key header", "Build the header from a secret loaded at runtime.") with { Cwe = ["CWE-798"] },
        Lit("PY-CRED-005", Creds, Severity.High, Confidence.High, "AWS access key id in source", "Remove the key, rotate it, and use IAM roles or environment credentials.", @"\b(AKIA|ASIA)[0-9A-Z]{16}\b") with { Cwe = ["CWE-798"], AlsoComments = true },
        Lit("PY-CRED-006", Creds, Severity.High, Confidence.High, "private key embedded in source", "Load keys from a protected file or secret store.", @"-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----") with { Cwe = ["CWE-798"], AlsoComments = true },
        CodeRule("PY-CRED-007", Creds, Severity.Medium, Confidence.Medium, "hard-coded default password/secret parameter", "Require the secret to be passed in or read it from configuration.") with { Cwe = ["CWE-798", "CWE-259"] },
        Lit("PY-CRED-008", Creds, Severity.High, Confidence.High, "API token in source (GitHub/Slack/Stripe/OpenAI/Google format)", "Remove and rotate the token; load it from the environment.",
            @"\b(ghp_[A-Za-z0-9]{36}|gh[ousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|sk-(proj-)?[A-Za-z0-9_\-]{20,}|AIza[0-9A-Za-z_\-]{35})") with { Cwe = ["CWE-798"], AlsoComments = true },
        Lit("PY-CRED-009", Creds, Severity.Medium, Confidence.Low, "credentials embedded in a connection URL", "Build the URL from configuration; do not embed user:password.",
            @"^[a-zA-Z][a-zA-Z0-9+.\-]*://[^/\s:@{}]+:[^/\s@{}]+@[^\s]+") with { Cwe = ["CWE-798", "CWE-259"] },
        CodeRule("PY-CRED-010", Creds, Severity.High, Confidence.Medium, "password compared against a hard-coded literal", "Verify against a salted hash stored outside the code (e.g. bcrypt.checkpw).") with { Cwe = ["CWE-798", "CWE-259"] },
        Call("PY-CRED-011", Creds, Severity.Medium, Confidence.Medium, "hard-coded encryption key", "Load keys from a key store or the environment.",
            ["Crypto.Cipher.AES.new", "AES.new", "cryptography.fernet.Fernet", "Fernet", "*.AESGCM", "*.ChaCha20Poly1305"], Const(0, "key"), TextRx(0, "key", @"\S")) with { Cwe = ["CWE-798"] },
        Call("PY-CRED-015", Creds, Severity.High, Confidence.High, "hard-coded JWT signing key (string literal passed to jwt.encode/decode)", "Load the signing key from the environment or a secret manager.",
            ["jwt.encode", "jwt.decode", "jose.jwt.encode", "jose.jwt.decode"], new Cond(CondKind.Literal, 1, "key"), TextRx(1, "key", @"\S")) with { Cwe = ["CWE-798"] },
        Lit("PY-CRED-013", Creds, Severity.Medium, Confidence.Medium, "password embedded in a connection string", "Pass the password separately from configuration/environment.",
            @"(?i)(^|[\s;])(password|pwd)\s*=\s*(?!\{)[^\s;'""{}]{3,}") with { Cwe = ["CWE-798", "CWE-259"] },
        Call("PY-CRED-014", Creds, Severity.High, Confidence.Medium, "hard-coded password passed to login()", "Read the credentials from configuration/environment.",
            ["*.login", "*.authenticate", "*.auth", "requests.auth.HTTPBasicAuth", "requests.auth.HTTPDigestAuth", "HTTPBasicAuth", "HTTPDigestAuth", "httpx.BasicAuth", "aiohttp.BasicAuth"],
            new Cond(CondKind.Literal, 1, "password"), TextRx(1, "password", @"\S")) with { Cwe = ["CWE-798", "CWE-259"] },
        Call("PY-CRED-012", Creds, Severity.High, Confidence.Medium, "hard-coded fallback secret in os.getenv/environ.get", "Fail when the secret is missing instead of falling back to a literal.",
            ["os.getenv", "os.environ.get", "os.environ.setdefault"], TextRx(0, "key", @"(pass(word|wd)?|pwd|secret|token|api_?key|private_?key|access_?key|credential)"), Const(1, "default"), TextRx(1, "default", @"\S")) with { Cwe = ["CWE-798", "CWE-259"] },

        // ------------------------------------------------------------------ insecure-hashing
        Call("PY-HASH-001", Hashing, Severity.Medium, Confidence.High, "weak hash function (MD5/SHA-1)", "Use hashlib.sha256 (integrity) or usedforsecurity=False for non-security checksums.",
            ["hashlib.md5", "hashlib.sha1", "hashlib.md4"], Is(-1, "usedforsecurity", "False", not: true)) with { Cwe = ["CWE-327", "CWE-328"] },
        Call("PY-HASH-002", Hashing, Severity.Medium, Confidence.High, "weak hash function via hashlib.new (MD5/SHA-1/MD4)", "Use sha256 or stronger.",
            ["hashlib.new"], TextRx(0, "name", @"^(md5|sha1|sha|md4|md2|ripemd160)$"), Is(-1, "usedforsecurity", "False", not: true)) with { Cwe = ["CWE-327", "CWE-328"] },
        Call("PY-HASH-003", Hashing, Severity.High, Confidence.High, "password hashed with a fast unsalted hash", "Use a password KDF: bcrypt, argon2, scrypt or hashlib.pbkdf2_hmac with a random salt and many iterations.",
            ["hashlib.md5", "hashlib.sha1", "hashlib.sha224", "hashlib.sha256", "hashlib.sha384", "hashlib.sha512", "hashlib.sha3_256", "hashlib.sha3_512", "hashlib.blake2b", "hashlib.blake2s", "hashlib.new", "hashlib.*().update"],
            new Cond(CondKind.PasswordLike, Cond.AnyArg)) with { Cwe = ["CWE-916", "CWE-328"], Supersedes = ["PY-HASH-001", "PY-HASH-002"] },
        Call("PY-HASH-004", Hashing, Severity.Medium, Confidence.High, "weak hash (MD5/SHA-1/MD4/MD2) from PyCrypto/PyCryptodome", "Use SHA256/SHA3.",
            ["Crypto.Hash.MD5.new", "Crypto.Hash.SHA.new", "Crypto.Hash.SHA1.new", "Crypto.Hash.MD4.new", "Crypto.Hash.MD2.new", "MD5.new", "SHA1.new", "MD4.new"]) with { Cwe = ["CWE-327", "CWE-328"] },
        Call("PY-HASH-005", Hashing, Severity.Medium, Confidence.High, "weak hash (MD5/SHA-1) from cryptography", "Use hashes.SHA256() or stronger.", ["*.hashes.MD5", "*.hashes.SHA1"]) with { Cwe = ["CWE-327", "CWE-328"] },
        Call("PY-HASH-006", Hashing, Severity.Medium, Confidence.Medium, "HMAC with a weak or default (MD5) digest", "Pass digestmod=hashlib.sha256.",
            ["hmac.new"], AnyOf(QualEnds(2, "digestmod", "md5|sha1"), TextRx(2, "digestmod", @"^(md5|sha1)$"))) with { Cwe = ["CWE-327", "CWE-328"] },
        Call("PY-HASH-007", Hashing, Severity.Medium, Confidence.Medium, "PBKDF2 with too few iterations or a weak digest", "Use at least 100,000 iterations (600,000 for SHA-256) and sha256.",
            ["hashlib.pbkdf2_hmac"], AnyOf(IntLess(3, "iterations", 10000), TextRx(0, "hash_name", @"^(md5|sha1)$"))) with { Cwe = ["CWE-916"] },
        Call("PY-HASH-008", Hashing, Severity.Medium, Confidence.Medium, "password hash with a weak method", "Use the default (scrypt/pbkdf2) method.",
            ["werkzeug.security.generate_password_hash", "generate_password_hash"], TextRx(1, "method", @"^(plain|md5|sha1)\b")) with { Cwe = ["CWE-916", "CWE-328"] },

        // ------------------------------------------------------------------ improper-privilege-management
        Call("PY-PRIV-001", Priv, Severity.High, Confidence.High, "file made world-writable (chmod)", "Use restrictive permissions such as 0o600/0o644/0o750.",
            ["os.chmod", "os.lchmod", "os.fchmod"], new Cond(CondKind.WorldWritable, 1, "mode")) with { Cwe = ["CWE-732"] },
        Call("PY-PRIV-002", Priv, Severity.High, Confidence.High, "path made world-writable (Path.chmod)", "Use restrictive permissions such as 0o600/0o644.",
            ["*.chmod"], Receiver(@"^os$", not: true), new Cond(CondKind.WorldWritable, 0, "mode")) with { Cwe = ["CWE-732"] },
        Call("PY-PRIV-003", Priv, Severity.Medium, Confidence.High, "directory created world-writable", "Create directories with 0o700/0o755.",
            ["os.makedirs", "os.mkdir"], new Cond(CondKind.WorldWritable, 1, "mode")) with { Cwe = ["CWE-732"] },
        Call("PY-PRIV-004", Priv, Severity.Medium, Confidence.High, "path created world-writable (Path.mkdir/touch)", "Use mode=0o700/0o600.",
            ["*.mkdir", "*.touch"], Receiver(@"^os$", not: true), new Cond(CondKind.WorldWritable, 0, "mode")) with { Cwe = ["CWE-732"] },
        Call("PY-PRIV-005", Priv, Severity.Medium, Confidence.High, "file opened with world-writable creation mode", "Pass mode 0o600 to os.open.",
            ["os.open"], new Cond(CondKind.WorldWritable, 2, "mode")) with { Cwe = ["CWE-732"] },
        Call("PY-PRIV-006", Priv, Severity.High, Confidence.Medium, "process switches to root (setuid/setgid 0)", "Drop privileges to an unprivileged account instead of acquiring root.",
            ["os.setuid", "os.setgid", "os.seteuid", "os.setegid", "os.setreuid", "os.setregid", "os.setresuid", "os.setresgid"], new Cond(CondKind.IntEq, 0, null, N: 0)) with { Cwe = ["CWE-250", "CWE-269"] },
        Call("PY-PRIV-007", Priv, Severity.Medium, Confidence.High, "umask leaves new files world-writable", "Use os.umask(0o077) or 0o022.",
            ["os.umask"], new Cond(CondKind.UmaskOpen, 0, "mask")) with { Cwe = ["CWE-732"] },
        Call("PY-PRIV-008", Priv, Severity.Medium, Confidence.Medium, "command run with sudo from code", "Run with the least privilege needed; do not escalate from application code.",
            AnyProcess, Head(0, "args", @"^sudo$")) with { Cwe = ["CWE-250", "CWE-269"] },
        Call("PY-PRIV-009", Priv, Severity.High, Confidence.Medium, "world-writable permissions set through a shell chmod", "Use os.chmod with restrictive permissions.",
            AnyProcess, TextRx(0, "args", @"\bchmod\s+(-\w+\s+)*(0?[0-7]?[0-7][0-7][2367]\b|[ugoa]*[oa][ugoa]*\+\w*w|\+w)")) with { Cwe = ["CWE-732"] },

        // ------------------------------------------------------------------ cross-site-scripting
        CodeRule("PY-XSS-001", Xss, Severity.High, Confidence.High, "HTML response built from request data without escaping", "Render a template (autoescaped) or escape values with markupsafe.escape/html.escape.") with { Cwe = ["CWE-79", "CWE-80"] },
        Call("PY-XSS-002", Xss, Severity.High, Confidence.High, "render_template_string with a non-constant template (XSS / template injection)", "Use a constant template and pass values as context variables.",
            ["flask.render_template_string", "render_template_string"], NonConst(0, "source")) with { Cwe = ["CWE-79"] },
        Call("PY-XSS-003", Xss, Severity.Medium, Confidence.Medium, "non-constant data marked safe (Markup/mark_safe) bypasses escaping", "Escape the data first or use format_html.",
            ["markupsafe.Markup", "flask.Markup", "jinja2.Markup", "Markup", "django.utils.safestring.mark_safe", "mark_safe", "django.utils.safestring.SafeString", "SafeString"], NonConst(0, null, "html")) with { Cwe = ["CWE-79", "CWE-80"] },
        Call("PY-XSS-004", Xss, Severity.Medium, Confidence.High, "Jinja2 Environment without autoescaping", "Pass autoescape=select_autoescape() or autoescape=True.",
            ["jinja2.Environment"], AnyOf(Absent(-1, "autoescape"), Is(-1, "autoescape", "False"))) with { Cwe = ["CWE-79"] },
        Call("PY-XSS-007", Xss, Severity.Medium, Confidence.Medium, "HTML rendered with jinja2.Template (no autoescaping by default)", "Use an Environment with autoescape=select_autoescape() or escape values.",
            ["jinja2.Template"], TextRx(0, "source", @"<\s*[a-zA-Z]"), Absent(-1, "autoescape")) with { Cwe = ["CWE-79", "CWE-80"] },
        CodeRule("PY-XSS-008", Xss, Severity.Medium, Confidence.Low, "request data formatted into a text response (Flask/Django serve it as text/html)", "Escape the value (markupsafe.escape) or return JSON / a template.") with { Cwe = ["CWE-79", "CWE-80"] },
        CodeRule("PY-XSS-005", Xss, Severity.Medium, Confidence.Low, "HTML built from non-constant data without escaping in a web application", "Escape values (markupsafe.escape) or render an autoescaped template.") with { Cwe = ["CWE-79", "CWE-80"] },
        Lit("PY-XSS-006", Xss, Severity.Medium, Confidence.Medium, "template disables autoescaping (|safe / autoescape off)", "Remove |safe or escape the value explicitly.", @"\|\s*safe\b|\{%-?\s*autoescape\s+(off|false)") with { Cwe = ["CWE-79"] },

        // ------------------------------------------------------------------ improper-certificate-validation
        Call("PY-TLS-001", Cert, Severity.High, Confidence.High, "TLS certificate verification disabled (verify=False)", "Keep verify=True (default) or pass a CA bundle path.", ["*"], Is(-1, "verify", "False"), Receiver("jwt", not: true)),
        Ref("PY-TLS-002", Cert, Severity.High, Confidence.High, "unverified SSL context (ssl._create_unverified_context)", "Use ssl.create_default_context().", "ssl._create_unverified_context", "ssl._create_stdlib_context"),
        CodeRule("PY-TLS-003", Cert, Severity.High, Confidence.High, "TLS hostname checking disabled (check_hostname = False)", "Keep check_hostname = True."),
        Ref("PY-TLS-004", Cert, Severity.High, Confidence.High, "certificate verification disabled (CERT_NONE)", "Use ssl.CERT_REQUIRED.", "ssl.CERT_NONE", "*.SSL.VERIFY_NONE"),
        Ref("PY-TLS-005", Cert, Severity.Medium, Confidence.High, "SSH host key accepted without verification (AutoAddPolicy/WarningPolicy)", "Load known hosts and use RejectPolicy.",
            "paramiko.AutoAddPolicy", "paramiko.WarningPolicy", "paramiko.client.AutoAddPolicy", "paramiko.client.WarningPolicy"),
        Call("PY-TLS-006", Cert, Severity.Low, Confidence.Medium, "TLS warnings suppressed (urllib3.disable_warnings)", "Fix certificate verification instead of silencing the warning.",
            ["urllib3.disable_warnings", "requests.packages.urllib3.disable_warnings", "*.urllib3.disable_warnings"]),
        Call("PY-TLS-007", Cert, Severity.Medium, Confidence.Medium, "ssl.wrap_socket without certificate requirements (no verification)", "Use ssl.create_default_context().wrap_socket(sock, server_hostname=...).",
            ["ssl.wrap_socket"], Absent(-1, "cert_reqs")),
        Call("PY-TLS-008", Cert, Severity.High, Confidence.High, "certificate verification disabled (cert_reqs='CERT_NONE')", "Use cert_reqs='CERT_REQUIRED'.", ["*"], Is(-1, "cert_reqs", "CERT_NONE")),
        Call("PY-TLS-009", Cert, Severity.High, Confidence.Medium, "TLS verification disabled (ssl=False)", "Keep certificate verification enabled.",
            ["aiohttp.*", "*.get", "*.post", "*.put", "*.delete", "*.patch", "*.request", "*.ws_connect", "*.TCPConnector"], Is(-1, "ssl", "False")),

        // ------------------------------------------------------------------ sql-injection
        Call("PY-SQL-001", Sql, Severity.High, Confidence.High, "SQL query built from non-constant data (f-string/+/%/format) passed to execute", "Use parameterised queries: cursor.execute(\"... WHERE id = %s\", (value,)).",
            ["*.execute", "*.executemany", "*.executescript", "*.mogrify"], new Cond(CondKind.SqlDynamic, 0, "sql")) with { Supersedes = ["PY-SQL-005"] },
        Call("PY-SQL-002", Sql, Severity.High, Confidence.High, "SQLAlchemy text() built from non-constant data", "Use bound parameters: text(\"... :id\"), {\"id\": value}.",
            ["sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text", "text"], new Cond(CondKind.SqlDynamic, 0, "text")),
        Call("PY-SQL-003", Sql, Severity.High, Confidence.High, "Django raw SQL built from non-constant data", "Pass params: Model.objects.raw(\"... %s\", [value]).",
            ["*.raw", "*.extra", "django.db.models.expressions.RawSQL", "RawSQL"], new Cond(CondKind.SqlDynamic, 0, "raw_query")),
        Call("PY-SQL-004", Sql, Severity.High, Confidence.High, "pandas read_sql with a query built from non-constant data", "Use params=... with placeholders.",
            ["pandas.read_sql", "pandas.read_sql_query", "*.read_sql", "*.read_sql_query"], new Cond(CondKind.SqlDynamic, 0, "sql")),
        Call("PY-SQL-005", Sql, Severity.High, Confidence.Medium, "request data executed directly as SQL", "Never execute SQL text from the request; use fixed queries with parameters.",
            ["*.execute", "*.executemany", "*.executescript"], User(0, "sql", "sql")),

        // ------------------------------------------------------------------ unsafe-deserialization
        Call("PY-DESER-001", Deser, Severity.High, Confidence.Medium, "pickle-family deserialization (arbitrary code execution on untrusted data)", "Use JSON or another data-only format; never unpickle untrusted data.",
            ["pickle.load", "pickle.loads", "pickle.Unpickler", "dill.load", "dill.loads", "cloudpickle.load", "cloudpickle.loads", "*.Unpickler"]),
        Call("PY-DESER-002", Deser, Severity.High, Confidence.High, "yaml.load without a safe Loader", "Use yaml.safe_load or Loader=yaml.SafeLoader.",
            ["yaml.load", "yaml.load_all"], QualEnds(1, "Loader", "SafeLoader|CSafeLoader|BaseLoader", not: true)),
        Call("PY-DESER-003", Deser, Severity.High, Confidence.High, "yaml.unsafe_load", "Use yaml.safe_load.", ["yaml.unsafe_load", "yaml.unsafe_load_all"]),
        Call("PY-DESER-004", Deser, Severity.Medium, Confidence.High, "marshal deserialization", "Use JSON for data exchange.", ["marshal.load", "marshal.loads"]),
        Call("PY-DESER-005", Deser, Severity.Medium, Confidence.Medium, "shelve is pickle-based", "Use a JSON/SQLite store for untrusted data.", ["shelve.open", "shelve.DbfilenameShelf"]),
        Call("PY-DESER-006", Deser, Severity.High, Confidence.High, "jsonpickle.decode executes arbitrary constructors", "Use json.loads.", ["jsonpickle.decode", "jsonpickle.loads", "jsonpickle.unpickler.decode"]),
        Call("PY-DESER-007", Deser, Severity.Low, Confidence.Medium, "torch.load without weights_only=True unpickles arbitrary objects", "Pass weights_only=True.",
            ["torch.load"], Is(-1, "weights_only", "True", not: true)),
        Call("PY-DESER-008", Deser, Severity.Low, Confidence.Medium, "joblib.load is pickle-based", "Only load files you created; prefer safer formats (skops, safetensors).", ["joblib.load", "sklearn.externals.joblib.load"]),
        Call("PY-DESER-009", Deser, Severity.Medium, Confidence.Medium, "numpy.load with allow_pickle=True", "Keep allow_pickle=False.", ["numpy.load"], Is(-1, "allow_pickle", "True")),
        Call("PY-DESER-010", Deser, Severity.Medium, Confidence.Medium, "pandas.read_pickle deserializes with pickle", "Use parquet/CSV/JSON for untrusted input.", ["pandas.read_pickle"]),

        // ------------------------------------------------------------------ code-injection
        Call("PY-CODE-001", Code, Severity.High, Confidence.High, "eval of non-constant data", "Use ast.literal_eval for literals, or a dedicated parser.", ["eval", "builtins.eval"], NonConst(0, "source")),
        Call("PY-CODE-002", Code, Severity.High, Confidence.High, "exec of non-constant data", "Do not execute dynamic code; dispatch to known functions instead.", ["exec", "builtins.exec"], NonConst(0, "source")),
        Call("PY-CODE-003", Code, Severity.Medium, Confidence.Medium, "compile of non-constant source", "Do not compile untrusted source.", ["compile", "builtins.compile"], NonConst(0, "source")),
        Call("PY-CODE-004", Code, Severity.Medium, Confidence.Medium, "module imported by a non-constant name", "Map allowed names to modules explicitly.",
            ["__import__", "importlib.import_module", "builtins.__import__"], NonConst(0, "name")),
        Call("PY-CODE-005", Code, Severity.High, Confidence.Medium, "template compiled from request data (server-side template injection)", "Use a constant template with context variables.",
            ["jinja2.Template", "*.from_string", "mako.template.Template"], User(0, "source", "none")) with { Cwe = ["CWE-94"] },
        Call("PY-CODE-006", Code, Severity.High, Confidence.Medium, "render_template_string with a template built from non-constant data (server-side template injection)", "Use a constant template and pass values as context variables.",
            ["flask.render_template_string", "render_template_string"], NonConst(0, "source")) with { Cwe = ["CWE-94"] },

        // ------------------------------------------------------------------ path-traversal
        Call("PY-PATH-001", PathTrav, Severity.High, Confidence.Medium, "file path built from request data without validation", "Use werkzeug.utils.secure_filename / os.path.basename and check the resolved path stays under the base directory.",
            [.. OpenFns, "os.remove", "os.unlink", "os.listdir", "os.rmdir", "shutil.rmtree", "shutil.copy", "shutil.copyfile", "shutil.move", "os.rename", "*.save", "os.path.exists", "os.stat"], User(0, "file", "path")) with { Supersedes = ["PY-PATH-003"] },
        Call("PY-PATH-002", PathTrav, Severity.High, Confidence.High, "file sent from a path built from request data", "Use send_from_directory (flask) / safe_join and validate the name.",
            ["flask.send_file", "send_file", "fastapi.responses.FileResponse", "starlette.responses.FileResponse", "django.http.FileResponse", "FileResponse", "aiohttp.web.FileResponse"], User(0, "path", "path")) with { Supersedes = ["PY-PATH-003"] },
        Call("PY-PATH-003", PathTrav, Severity.Medium, Confidence.Medium, "path joined with request data without validation", "Normalise and check the result stays under the base directory (os.path.realpath + commonpath).",
            ["os.path.join", "posixpath.join", "pathlib.Path", "Path"], User(Cond.AnyArg, null, "path")) with { NotInside = ["os.path.realpath", "os.path.abspath", "os.path.normpath", "werkzeug.security.safe_join", "safe_join", "os.path.basename", ".resolve", ".absolute"] },
        Call("PY-PATH-004", PathTrav, Severity.Medium, Confidence.High, "tarfile extractall without a filter or member check (CVE-2007-4559)", "Pass filter='data' (Python 3.12+) or validate every member path.",
            ["*.extractall"], Receiver("tar"), Absent(1, "members"), Absent(-1, "filter")),
        Call("PY-PATH-006", PathTrav, Severity.Low, Confidence.Medium, "shutil.unpack_archive without a filter", "Pass filter='data' (Python 3.12+) or validate the archive.",
            ["shutil.unpack_archive"], Absent(-1, "filter")),

        // ------------------------------------------------------------------ xml-external-entity
        Call("PY-XXE-001", Xxe, Severity.Medium, Confidence.Medium, "xml.etree parsing of untrusted XML (entity expansion)", "Use defusedxml.ElementTree.",
            ["xml.etree.ElementTree.parse", "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.XML", "xml.etree.ElementTree.iterparse", "xml.etree.ElementTree.XMLParser", "xml.etree.ElementTree.fromstringlist", "xml.etree.ElementTree.XMLPullParser"],
            FileCalls("defuse_stdlib", not: true)),
        Call("PY-XXE-002", Xxe, Severity.Medium, Confidence.Medium, "xml.dom parsing of untrusted XML", "Use defusedxml.minidom / defusedxml.pulldom.",
            ["xml.dom.minidom.parse", "xml.dom.minidom.parseString", "xml.dom.pulldom.parse", "xml.dom.pulldom.parseString", "xml.dom.expatbuilder.parse", "xml.dom.expatbuilder.parseString"],
            FileCalls("defuse_stdlib", not: true)),
        Call("PY-XXE-003", Xxe, Severity.Medium, Confidence.Medium, "xml.sax parsing of untrusted XML", "Use defusedxml.sax.",
            ["xml.sax.parse", "xml.sax.parseString", "xml.sax.make_parser", "xml.sax.expatreader.create_parser"], FileCalls("defuse_stdlib", not: true)),
        Call("PY-XXE-004", Xxe, Severity.High, Confidence.High, "lxml parser with resolve_entities=True", "Use resolve_entities=False, no_network=True (or defusedxml.lxml).",
            ["lxml.etree.XMLParser", "lxml.etree.XMLPullParser"], Is(-1, "resolve_entities", "True")),
        Call("PY-XXE-005", Xxe, Severity.Medium, Confidence.Medium, "lxml parser without resolve_entities=False", "Pass resolve_entities=False, no_network=True.",
            ["lxml.etree.XMLParser", "lxml.etree.XMLPullParser"], Absent(-1, "resolve_entities")),
        Call("PY-XXE-006", Xxe, Severity.Medium, Confidence.Medium, "lxml parsing without a hardened parser", "Pass parser=etree.XMLParser(resolve_entities=False, no_network=True).",
            ["lxml.etree.parse", "lxml.etree.fromstring", "lxml.etree.XML", "lxml.etree.iterparse"], Absent(1, "parser")),
        Call("PY-XXE-007", Xxe, Severity.High, Confidence.High, "SAX external entities enabled (feature_external_ges/pes)", "Leave external entity features disabled.",
            ["*.setFeature"], AnyOf(QualEnds(0, null, "feature_external_ges|feature_external_pes"), TextRx(0, null, "external-(general|parameter)-entities")), Is(1, "state", "True")),
        Imp("PY-XXE-008", Xxe, "standard-library XML parser imported and used to parse (vulnerable to entity attacks on untrusted input)", "Use defusedxml.", "xml.etree", "xml.dom", "xml.sax", "xml.etree.cElementTree")
            with { When = [new Cond(CondKind.FileImports, Text: "defusedxml", Not: true), AnyOf(FileCalls("parse"), FileCalls("fromstring"), FileCalls("parseString"), FileCalls("XML"), FileCalls("iterparse"), FileCalls("ElementTree"), FileCalls("feed"))] },

        // ------------------------------------------------------------------ insecure-temp-file
        Call("PY-TEMP-001", Temp, Severity.Medium, Confidence.High, "insecure temporary file name (race condition)", "Use tempfile.mkstemp / NamedTemporaryFile / TemporaryDirectory.",
            ["tempfile.mktemp", "os.tempnam", "os.tmpnam"]),
        Call("PY-TEMP-002", Temp, Severity.Medium, Confidence.Medium, "hard-coded path in a shared temporary directory (/tmp)", "Use tempfile.mkstemp / TemporaryDirectory.",
            [.. OpenFns, "os.makedirs", "os.mkdir", "logging.FileHandler", "sqlite3.connect", "shutil.copy", "shutil.copyfile", "shutil.move", "*.to_csv", "*.savefig", "os.path.join", "*.save", "logging.basicConfig"],
            AnyOf(TextRx(0, "file", @"^(/tmp|/var/tmp|/dev/shm)(/|$)"), TextRx(-1, "filename", @"^(/tmp|/var/tmp|/dev/shm)(/|$)"))),
        Call("PY-TEMP-003", Temp, Severity.Low, Confidence.Medium, "predictable file name in the system temp directory", "Use tempfile.mkstemp / NamedTemporaryFile.",
            ["os.path.join"], QualEnds(0, null, "gettempdir()"), Const(1, null)),

        // ------------------------------------------------------------------ weak-randomness
        Call("PY-RAND-001", Rand, Severity.Medium, Confidence.High, "non-cryptographic random used for a security value (token/password/key/OTP/salt)", "Use the secrets module (secrets.token_urlsafe, secrets.choice) or os.urandom.",
            RandomFns, new Cond(CondKind.SecurityContext)) with { Cwe = ["CWE-338", "CWE-330"] },
        Call("PY-RAND-002", Rand, Severity.Low, Confidence.Medium, "uuid1 (time/MAC based, predictable) used for a security value", "Use secrets.token_urlsafe or uuid4.",
            ["uuid.uuid1"], new Cond(CondKind.SecurityContext)) with { Cwe = ["CWE-330"] },

        // ------------------------------------------------------------------ debug-enabled
        Call("PY-DEBUG-001", Debug, Severity.High, Confidence.High, "web application run with debug=True (interactive debugger / code execution)", "Never enable debug in production; read it from configuration.",
            ["*.run", "*.run_server", "socketio.run"], Is(-1, "debug", "True")),
        CodeRule("PY-DEBUG-002", Debug, Severity.Medium, Confidence.Medium, "debug mode enabled in application settings (DEBUG = True)", "Default DEBUG to False and enable it only via environment in development."),
        Call("PY-DEBUG-003", Debug, Severity.High, Confidence.High, "Werkzeug debugger enabled (use_debugger=True)", "Disable the debugger outside development.",
            ["werkzeug.serving.run_simple", "*.run_simple", "*.run"], Is(-1, "use_debugger", "True")),
        Call("PY-DEBUG-004", Debug, Severity.High, Confidence.High, "Werkzeug DebuggedApplication with evalex=True", "Do not wrap production apps with the evaluating debugger.",
            ["werkzeug.debug.DebuggedApplication", "DebuggedApplication"], Is(-1, "evalex", "True")),
        Call("PY-DEBUG-006", Debug, Severity.Medium, Confidence.High, "FastAPI/Starlette app created with debug=True (tracebacks in responses)", "Leave debug off; read it from configuration.",
            ["fastapi.FastAPI", "starlette.applications.Starlette"], Is(-1, "debug", "True")),
        Call("PY-DEBUG-005", Debug, Severity.Medium, Confidence.Medium, "debug mode enabled through config.update(DEBUG=True)", "Read DEBUG from the environment and default to False.",
            ["*.config.update", "*.update"], AnyOf(Is(-1, "DEBUG", "True"), Is(-1, "debug", "True"))),

        // ------------------------------------------------------------------ bind-all-interfaces
        Call("PY-BIND-001", Bind, Severity.Medium, Confidence.Medium, "server bound to all network interfaces (0.0.0.0)", "Bind to 127.0.0.1 unless external access is intended and protected.",
            ["*.run", "uvicorn.run", "waitress.serve", "*.serve", "aiohttp.web.run_app", "*.run_app", "*.listen", "socketio.run", "hypercorn.run"], TextRx(0, "host", @"^(0\.0\.0\.0|::|\[::\])$")),
        Call("PY-BIND-002", Bind, Severity.Medium, Confidence.Medium, "socket bound to all interfaces", "Bind to 127.0.0.1 or a specific interface.",
            ["*.bind"], Head(0, "address", @"^(0\.0\.0\.0|::|)$")),
        Call("PY-BIND-003", Bind, Severity.Medium, Confidence.Medium, "server listens on all interfaces", "Use ('127.0.0.1', port) unless external access is intended.",
            ["http.server.HTTPServer", "http.server.ThreadingHTTPServer", "socketserver.TCPServer", "socketserver.ThreadingTCPServer", "socketserver.UDPServer", "HTTPServer", "ThreadingHTTPServer", "wsgiref.simple_server.make_server", "make_server", "*.start_server"],
            AnyOf(Head(0, "server_address", @"^(0\.0\.0\.0|::|)$"), Head(0, "host", @"^(0\.0\.0\.0|::|)$"))),
    ];

    public static readonly Dictionary<string, PyRule> ById = All.ToDictionary(r => r.Id);

    /// <summary>Bandit test ids accepted in <c># nosec Bxxx</c>, mapped to our categories.</summary>
    public static readonly Dictionary<string, string> BanditCategory = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B102"] = Code, ["B307"] = Code, ["B103"] = Priv, ["B104"] = Bind, ["B105"] = Creds, ["B106"] = Creds, ["B107"] = Creds,
        ["B108"] = Temp, ["B306"] = Temp, ["B113"] = Timeout, ["B201"] = Debug, ["B202"] = PathTrav, ["B301"] = Deser, ["B302"] = Deser,
        ["B403"] = Deser, ["B506"] = Deser, ["B614"] = Deser, ["B303"] = Hashing, ["B324"] = Hashing, ["B304"] = Crypto, ["B305"] = Crypto,
        ["B413"] = Crypto, ["B502"] = Crypto, ["B503"] = Crypto, ["B504"] = Crypto, ["B505"] = Crypto, ["B310"] = Conn, ["B312"] = Conn,
        ["B321"] = Conn, ["B401"] = Conn, ["B402"] = Conn, ["B311"] = Rand, ["B313"] = Xxe, ["B314"] = Xxe, ["B315"] = Xxe, ["B316"] = Xxe,
        ["B317"] = Xxe, ["B318"] = Xxe, ["B319"] = Xxe, ["B320"] = Xxe, ["B405"] = Xxe, ["B406"] = Xxe, ["B407"] = Xxe, ["B408"] = Xxe,
        ["B409"] = Xxe, ["B410"] = Xxe, ["B411"] = Xxe, ["B323"] = Cert, ["B501"] = Cert, ["B507"] = Cert, ["B601"] = CmdInjection,
        ["B602"] = CmdInjection, ["B603"] = CmdInjection, ["B604"] = CmdInjection, ["B605"] = CmdInjection, ["B606"] = CmdInjection,
        ["B607"] = CmdInjection, ["B609"] = CmdInjection, ["B608"] = Sql, ["B610"] = Sql, ["B611"] = Sql, ["B701"] = Xss, ["B702"] = Xss,
        ["B703"] = Xss, ["B704"] = Xss,
    };
}
