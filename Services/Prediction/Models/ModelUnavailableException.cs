namespace Platform.Prediction.Models;

/// <summary>Nothing can score the request: the model failed and no previous version can stand in. Answered 503; nothing is charged.</summary>
public sealed class ModelUnavailableException(string message) : Exception(message);
