package berth.logs; final class Placeholder {}
