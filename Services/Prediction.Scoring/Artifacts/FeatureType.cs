namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>Written in artifacts in camelCase (<c>number</c>, <c>boolean</c>, <c>category</c>).</summary>
public enum FeatureType
{
    Number,
    Boolean,
    Category,
}
