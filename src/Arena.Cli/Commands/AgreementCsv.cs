using System.Text;
using Arena.Core.Agreement;

namespace Arena.Cli.Commands;

/// <summary>
/// Reads agreement CSV (contracts §6): header <c>item,annotator,label</c>, RFC 4180 quoting (a quoted field may hold
/// commas, doubled quotes and line breaks). Every problem is a <see cref="UsageException"/> naming <c>file:line</c>.
/// </summary>
/// <remarks>A second row for the same (item, annotator) is an error, not "last wins": silently dropping a judgment
/// would change the agreement numbers without anyone noticing.</remarks>
internal static class AgreementCsv
{
    public static async Task<List<Judgment>> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await ReadAsync(reader, path, ct);
    }

    public static async Task<List<Judgment>> ReadAsync(TextReader reader, string name, CancellationToken ct)
    {
        var records = new CsvRecords(reader, name);
        var header = await records.NextAsync(ct) ?? throw new UsageException($"{name}:1: empty file (expected header item,annotator,label)");
        if (header.Fields.Count != 3 || !header.Fields.Select(f => f.Trim()).SequenceEqual(["item", "annotator", "label"]))
            throw new UsageException($"{name}:{header.Line}: header must be item,annotator,label (got {string.Join(",", header.Fields)})");
        var judgments = new List<Judgment>();
        var seen = new Dictionary<(string, string), int>();
        while (await records.NextAsync(ct) is { } row)
        {
            if (row.Fields.Count == 1 && row.Fields[0].Length == 0) continue; // blank line
            if (row.Fields.Count != 3)
                throw new UsageException($"{name}:{row.Line}: expected 3 fields (item,annotator,label), got {row.Fields.Count}");
            string item = row.Fields[0], annotator = row.Fields[1], label = row.Fields[2];
            if (item.Length == 0) throw new UsageException($"{name}:{row.Line}: empty item");
            if (annotator.Length == 0) throw new UsageException($"{name}:{row.Line}: empty annotator");
            if (label.Length == 0) throw new UsageException($"{name}:{row.Line}: empty label (leave the row out for a missing judgment)");
            if (seen.TryGetValue((item, annotator), out var first))
                throw new UsageException($"{name}:{row.Line}: annotator '{annotator}' already judged item '{item}' on line {first}");
            seen[(item, annotator)] = row.Line;
            judgments.Add(new Judgment(item, annotator, label));
        }
        return judgments;
    }

    private sealed record CsvRecord(int Line, List<string> Fields);

    private sealed class CsvRecords(TextReader reader, string name)
    {
        private int _line = 1;
        private readonly char[] _buffer = new char[16384];
        private int _pos, _len;
        private bool _eof;

        private async ValueTask<int> PeekAsync(CancellationToken ct)
        {
            if (_pos < _len) return _buffer[_pos];
            if (_eof) return -1;
            _len = await reader.ReadAsync(_buffer.AsMemory(), ct);
            _pos = 0;
            if (_len == 0) { _eof = true; return -1; }
            return _buffer[0];
        }

        private async ValueTask<int> ReadAsync(CancellationToken ct)
        {
            var c = await PeekAsync(ct);
            if (c >= 0) _pos++;
            return c;
        }

        public async Task<CsvRecord?> NextAsync(CancellationToken ct)
        {
            if (await PeekAsync(ct) < 0) return null;
            var start = _line;
            var fields = new List<string>();
            var field = new StringBuilder();
            while (true)
            {
                var c = await ReadAsync(ct);
                if (c == '"' && field.Length == 0)
                {
                    var quoteLine = _line;
                    while (true)
                    {
                        var q = await ReadAsync(ct);
                        if (q < 0) throw new UsageException($"{name}:{quoteLine}: quoted field is never closed");
                        if (q == '"')
                        {
                            if (await PeekAsync(ct) == '"') { await ReadAsync(ct); field.Append('"'); continue; }
                            break;
                        }
                        if (q == '\n') _line++;
                        field.Append((char)q);
                    }
                    var after = await PeekAsync(ct);
                    if (after is not (',' or '\r' or '\n' or -1))
                        throw new UsageException($"{name}:{_line}: unexpected text after a closing quote (write a quote inside a quoted field as \"\")");
                    continue;
                }
                if (c == ',') { fields.Add(field.ToString()); field.Clear(); continue; }
                if (c is '\r' && await PeekAsync(ct) == '\n') continue;
                if (c is '\n' or -1)
                {
                    if (c == '\n') _line++;
                    fields.Add(field.ToString());
                    return new CsvRecord(start, fields);
                }
                if (c == '"') throw new UsageException($"{name}:{_line}: a quote inside an unquoted field (quote the whole field)");
                field.Append((char)c);
            }
        }
    }
}
