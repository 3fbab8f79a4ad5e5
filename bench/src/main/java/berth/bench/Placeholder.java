package berth.bench; final class Placeholder {}
