namespace Portal.Core.Support;

/// <summary>Raised when a change is refused: the message says why, in words a person can act on.</summary>
public class SupportRequestException(string message) : Exception(message);
