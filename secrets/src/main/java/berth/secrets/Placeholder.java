package berth.secrets; final class Placeholder {}
