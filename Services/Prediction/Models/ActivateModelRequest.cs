namespace Platform.Prediction.Models;

/// <summary>The version a model name should serve from now on.</summary>
public sealed record ActivateModelRequest(int? Version);
