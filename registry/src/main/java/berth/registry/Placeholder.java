package berth.registry; final class Placeholder {}
