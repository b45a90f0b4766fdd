namespace Arena.Sandbox;

/// <summary>
/// A host directory holding one job's files, deleted on dispose. Modes are 0755/0644 because under root the
/// sandbox runs as uid 65534 (see <see cref="BubblewrapSandbox"/>) and must still be able to read them.
/// </summary>
internal sealed class JobDirectory : IDisposable
{
    private const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public string Root { get; }

    private JobDirectory(string root) => Root = root;

    /// <summary>Creates a fresh directory under <paramref name="parent"/> and writes <paramref name="files"/> into it.</summary>
    public static JobDirectory Create(string parent, IReadOnlyDictionary<string, string> files)
    {
        var root = Path.Combine(parent, "arena-sandbox-" + Guid.NewGuid().ToString("N"));
        MakeDirectory(root);
        var dir = new JobDirectory(root);
        try
        {
            foreach (var (name, text) in files)
            {
                var path = dir.Resolve(name);
                MakeTree(root, Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
                SetMode(path, FileMode);
            }
            return dir;
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Maps a job file name to its host path; names must be relative and stay inside the directory.</summary>
    private string Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || Path.IsPathRooted(name) || name.Split('/', '\\').Any(part => part is ".." or "." or ""))
            throw new ArgumentException($"sandbox job file name '{name}' must be a relative path without '.', '..' or empty parts");
        return Path.Combine(Root, name);
    }

    private static void MakeTree(string root, string folder)
    {
        if (folder == root) return;
        var current = root;
        foreach (var part in Path.GetRelativePath(root, folder).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            if (!Directory.Exists(current)) MakeDirectory(current);
        }
    }

    private static void MakeDirectory(string path)
    {
        Directory.CreateDirectory(path);
        SetMode(path, DirMode); // explicit: the process umask may be stricter than 022
    }

    /// <summary>Sandboxes only run on Linux (bwrap/prlimit); elsewhere modes are moot.</summary>
    internal static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
