namespace Arena.Analysis.Embeddings;

/// <summary>An embedding backend could not be started or failed; the message says which and why (incl. captured stderr).</summary>
internal sealed class EmbeddingBackendException(string message, Exception? inner = null) : Exception(message, inner);
